package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * CPython's {@code _PyManagedBufferObject}: the one view acquired from a base object, shared by every
 * memoryview derived from it (slices, casts, {@code toreadonly()}, {@code memoryview(m)}). The base stays
 * exported until the last of those memoryviews is released.
 */
@API(status = INTERNAL, since = "0.1")
public final class ManagedBuffer {

    private final View master;
    private int exports;
    private boolean released;

    private ManagedBuffer(View master) {
        this.master = master;
    }

    /** {@code _PyManagedBuffer_FromObject(base, PyBUF_FULL_RO)}: acquires the base's view once. */
    static ManagedBuffer fromObject(BufferExporter base) throws PyException {
        return new ManagedBuffer(base.getBuffer(BufferProtocol.FULL_RO));
    }

    /** {@code PyMemoryView_FromMemory}'s managed buffer: a master view over memory no object owns (obj NULL). */
    static ManagedBuffer overMemory(View master) {
        return new ManagedBuffer(master);
    }

    /** Whether the memory belongs to no Python object: the master view's {@code obj} is NULL. */
    public boolean ownerless() {
        return master.obj() == null;
    }

    View master() {
        return master;
    }

    /** Memoryviews registered with this buffer and not yet released. */
    public int exports() {
        return exports;
    }

    public boolean released() {
        return released;
    }

    void register() {
        exports++;
    }

    /** A memoryview was released; the last one gives the master view back ({@code mbuf_release}). */
    void unregister() {
        if (--exports == 0 && !released) {
            released = true;
            BufferProtocol.release(master);
        }
    }
}
