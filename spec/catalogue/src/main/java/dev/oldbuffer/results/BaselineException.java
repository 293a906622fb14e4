package dev.oldbuffer.results;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** A baseline that cannot be used: malformed, or for another profile or catalogue. The message is one line that says what to do. */
@API(status = STABLE, since = "0.2")
public class BaselineException extends RuntimeException {
    public BaselineException(String message) {
        super(message);
    }
}
