package dev.oldbuffer.catalogue;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** The catalogue file is malformed; the message names the entry and the problem. */
@API(status = STABLE, since = "0.1")
public class CatalogueException extends RuntimeException {
    public CatalogueException(String message) {
        super(message);
    }

    public CatalogueException(String message, Throwable cause) {
        super(message, cause);
    }
}
