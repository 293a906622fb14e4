package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The error indicator's content: an exception type and its message.
 *
 * @param type    the exception type's name without module, e.g. {@code TypeError}; never null
 * @param message the exception's {@code str()}; never null, may be empty
 */
@API(status = STABLE, since = "0.1")
public record PyError(String type, String message) {
    public PyError {
        Objects.requireNonNull(type, "type");
        message = message == null ? "" : message;
    }

    @Override
    public String toString() {
        return message.isEmpty() ? type : type + ": " + message;
    }
}
