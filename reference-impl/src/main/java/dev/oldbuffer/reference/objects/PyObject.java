package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** A Python object as the C API sees it: a type name and, perhaps, a buffer slot. */
@API(status = INTERNAL, since = "0.1")
public interface PyObject {

    /** The type's {@code tp_name}, as it appears in messages: {@code bytes}, {@code NoneType}, ... */
    String typeName();

    /** The type's {@code tp_as_buffer}: null when the type has no {@code bf_getbuffer} slot. */
    default BufferExporter bufferProcs() {
        return null;
    }

    /** {@code bytes(obj)}: the object's content. */
    default byte[] toBytes() throws PyException {
        throw PyException.typeError("cannot convert '" + typeName() + "' object to bytes");
    }

    /** Stores one byte through the object ({@code obj[index] = value} at byte granularity). */
    default void setByte(int index, byte value) throws PyException {
        throw PyException.typeError("'" + typeName() + "' object does not support item assignment");
    }
}
