package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * An implementation cannot be selected or started: unknown id, bad option, missing interpreter.
 * The message says what is wrong and how to fix it.
 */
@API(status = STABLE, since = "0.1")
public class ImplementationUnavailableException extends RuntimeException {
    public ImplementationUnavailableException(String message) {
        super(message);
    }

    public ImplementationUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
