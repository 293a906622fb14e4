package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * {@code int}: no buffer interface. Python's {@code bytes(5)} makes five zero bytes, which is not the
 * int's content, so the model refuses {@link #toBytes()} like any other object without a buffer.
 */
@API(status = INTERNAL, since = "0.1")
public record PyInt(long value) implements PyObject {

    @Override
    public String typeName() {
        return "int";
    }
}
