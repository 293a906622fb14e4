package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.spi.PyError;
import org.apiguardian.api.API;

/**
 * A Python exception raised inside the object layer. It is checked on purpose: in C a slot that fails
 * returns -1 with the error set, and every caller must decide what to do with that, so here too.
 */
@API(status = INTERNAL, since = "0.1")
public class PyException extends Exception {

    private final transient PyError error;

    public PyException(String type, String message) {
        super(type + ": " + message, null, false, false);
        this.error = new PyError(type, message);
    }

    public PyError error() {
        return error;
    }

    public String type() {
        return error.type();
    }

    public static PyException typeError(String message) {
        return new PyException("TypeError", message);
    }

    public static PyException valueError(String message) {
        return new PyException("ValueError", message);
    }

    public static PyException bufferError(String message) {
        return new PyException("BufferError", message);
    }

    public static PyException indexError(String message) {
        return new PyException("IndexError", message);
    }
}
