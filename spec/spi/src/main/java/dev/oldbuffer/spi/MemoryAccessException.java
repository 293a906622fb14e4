package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** A read or write at an address the implementation knows to be outside every live buffer. */
@API(status = STABLE, since = "0.1")
public class MemoryAccessException extends RuntimeException {
    public MemoryAccessException(String message) {
        super(message);
    }
}
