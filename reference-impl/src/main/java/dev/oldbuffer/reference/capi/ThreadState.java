package dev.oldbuffer.reference.capi;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.spi.PyError;
import java.util.Optional;
import org.apiguardian.api.API;

/** The error indicator of the running thread ({@code PyErr_SetString}, {@code PyErr_Occurred}, ...). */
@API(status = INTERNAL, since = "0.1")
public final class ThreadState {

    private PyError current;

    /** {@code PyErr_SetString}: replaces whatever was set. */
    public void set(PyError error) {
        current = error;
    }

    public void set(String type, String message) {
        set(new PyError(type, message));
    }

    /** {@code PyErr_Occurred() != NULL}. */
    public boolean occurred() {
        return current != null;
    }

    /** The current error, left in place. */
    public Optional<PyError> peek() {
        return Optional.ofNullable(current);
    }

    /** {@code PyErr_Fetch}: returns the error and clears the indicator. */
    public Optional<PyError> fetch() {
        Optional<PyError> fetched = peek();
        current = null;
        return fetched;
    }

    /** {@code PyErr_Restore}: puts back what {@link #fetch()} took (clears when it was empty). */
    public void restore(Optional<PyError> saved) {
        current = saved.orElse(null);
    }

    /** {@code PyErr_Clear}. */
    public void clear() {
        current = null;
    }
}
