package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** An object whose type fills {@code tp_as_buffer}: {@code bf_getbuffer} and {@code bf_releasebuffer}. */
@API(status = INTERNAL, since = "0.1")
public interface BufferExporter extends PyObject {

    /** {@code bf_getbuffer(obj, view, flags)}: a view on success, the exporter's exception otherwise. */
    View getBuffer(int flags) throws PyException;

    /** {@code bf_releasebuffer(obj, view)}; CPython's {@code PyBuffer_Release} calls it for every acquired view. */
    void releaseBuffer(View view);

    /**
     * Whether the type fills {@code bf_releasebuffer}: {@code PyArg_ParseTuple}'s {@code y#} refuses such objects (their
     * memory may move once the view is given back). Most exporters have one; bytes and ctypes objects do not.
     */
    default boolean hasReleaseSlot() {
        return true;
    }

    @Override
    default BufferExporter bufferProcs() {
        return this;
    }
}
