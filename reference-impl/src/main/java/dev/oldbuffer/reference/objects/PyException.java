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

    private final boolean silent;

    public PyException(String type, String message) {
        this(type, message, false);
    }

    private PyException(String type, String message, boolean silent) {
        super(type + ": " + message, null, false, false);
        this.error = new PyError(type, message);
        this.silent = silent;
    }

    /**
     * A slot that returned -1 without setting an exception. C callers see no error at all; Python code above them
     * sees the SystemError the interpreter makes of it, which is what {@link #error()} holds.
     */
    public static PyException silent() {
        return new PyException("SystemError", "error return without exception set", true);
    }

    /** True for {@link #silent()}: the slot failed with no exception set. */
    public boolean isSilent() {
        return silent;
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
