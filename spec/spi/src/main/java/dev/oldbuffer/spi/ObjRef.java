package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * An opaque reference to an object living inside an implementation (a {@code PyObject *}).
 *
 * @param handle the implementation's handle; 0 is C NULL
 * @param kind   a short human description of the object, for messages (e.g. {@code bytearray(5)})
 */
@API(status = STABLE, since = "0.1")
public record ObjRef(long handle, String kind) {

    /** C NULL as an object argument. */
    public static final ObjRef NULL = new ObjRef(0, "NULL");

    public boolean isNull() {
        return handle == 0;
    }

    @Override
    public String toString() {
        return kind;
    }
}
