package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * CPython's {@code _PyBufferWrapper} (Objects/typeobject.c): the {@code view.obj} of a view that a class's
 * {@code __buffer__} handed out. Releasing the view ends the memoryview's export, then calls the class's
 * {@code __release_buffer__}.
 */
@API(status = INTERNAL, since = "0.2")
final class BufferWrapper implements BufferExporter {

    private final PyMemoryView handedOut;
    private final Runnable releaseBufferMethod;

    /** @param releaseBufferMethod what the class's {@code __release_buffer__(handedOut)} does */
    BufferWrapper(PyMemoryView handedOut, Runnable releaseBufferMethod) {
        this.handedOut = handedOut;
        this.releaseBufferMethod = releaseBufferMethod;
    }

    @Override
    public String typeName() {
        return "_buffer_wrapper";
    }

    @Override
    public View getBuffer(int flags) throws PyException {
        throw PyException.typeError("a buffer wrapper exports nothing");
    }

    @Override
    public void releaseBuffer(View view) {
        handedOut.releaseBuffer(view);
        releaseBufferMethod.run();
    }
}
