package dev.oldbuffer.reference.capi;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * A non-NULL out-parameter ({@code const void **buffer}, {@code Py_ssize_t *buffer_len}): the caller's slot,
 * starting at the caller's value. C NULL is passed as a Java {@code null}.
 */
@API(status = INTERNAL, since = "0.1")
public final class OutPointer {

    private long value;

    public OutPointer(long initial) {
        this.value = initial;
    }

    public long get() {
        return value;
    }

    /** {@code *ptr = value}. */
    public void set(long newValue) {
        value = newValue;
    }
}
