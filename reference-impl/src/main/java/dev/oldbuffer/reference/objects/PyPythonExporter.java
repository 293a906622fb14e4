package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.reference.memory.AddressSpace;
import dev.oldbuffer.spi.ExportCounts;
import org.apiguardian.api.API;

/**
 * An instance of a Python class with PEP 688's {@code __buffer__} and {@code __release_buffer__}, as CPython 3.12+
 * exports it (Objects/typeobject.c): {@code slot_bf_getbuffer} calls {@code __buffer__(flags)}, refuses anything but a
 * memoryview with TypeError, and asks that memoryview for the request (its own checks apply: a strided one refuses a
 * simple request); only then does the export count, and only then will {@code __release_buffer__} be called. A failing
 * {@code __release_buffer__} is unraisable: the caller never sees it.
 */
@API(status = INTERNAL, since = "0.2")
public final class PyPythonExporter implements BufferExporter {

    /** What the class does; the names of {@code Fixture.PythonExporter.Mode}. */
    public enum Mode { WELL_BEHAVED, COPY, RAISES, WRONG_TYPE, ONCE, RELEASE_RAISES, RELEASE_CLEARS }

    private final AddressSpace memory;
    private final PyObject base;
    private final Mode mode;
    private int acquires;
    private int releases;
    private int held;
    private int lastFlags = -1;

    public PyPythonExporter(AddressSpace memory, PyObject base, Mode mode) {
        this.memory = memory;
        this.base = base;
        this.mode = mode;
    }

    @Override
    public String typeName() {
        return "Pep688Exporter";
    }

    public ExportCounts counts() {
        return new ExportCounts(acquires, releases, lastFlags);
    }

    @Override
    public View getBuffer(int flags) throws PyException {
        lastFlags = flags;
        switch (mode) {
            case RAISES -> throw PyException.valueError("exporter refused");
            case WRONG_TYPE -> throw PyException.typeError("__buffer__ returned non-memoryview object");
            case ONCE -> {
                if (held > 0) {
                    throw PyException.bufferError("exporter already exported");
                }
            }
            default -> { }
        }
        PyBytes copy = mode == Mode.COPY ? new PyBytes(memory, base.toBytes()) : null;
        PyMemoryView handedOut = PyMemoryView.fromObject(memory, copy != null ? copy : base);
        View view;
        try {
            view = handedOut.getBuffer(flags);
        } catch (PyException refused) {
            handedOut.release();   // dropped without __release_buffer__
            if (copy != null) {
                copy.dealloc(memory);
            }
            throw refused;
        }
        acquires++;
        held++;
        return new View(view.buf(), view.len(), view.readonly(), view.itemsize(), view.format(), view.ndim(), view.shape(),
                view.strides(), new BufferWrapper(handedOut, () -> releaseBufferMethod(handedOut, copy)));
    }

    /** Not called: the views this class hands out are released through their {@link BufferWrapper}. */
    @Override
    public void releaseBuffer(View view) {
        throw new IllegalStateException("a PEP 688 view is released through its wrapper");
    }

    /**
     * What {@code __release_buffer__(handedOut)} does: count, then per mode clear the base or let the memoryview go (a
     * failure is unraisable: printed, never set for the caller); a copy only that memoryview held goes with it.
     */
    private void releaseBufferMethod(PyMemoryView handedOut, PyBytes copy) {
        releases++;
        held--;
        try {
            if (mode == Mode.RELEASE_CLEARS) {
                handedOut.release();
                ((ResizableBuffer) base).resize(0);
            }
        } catch (PyException unraisable) {
            // __release_buffer__'s exceptions are unraisable: printed, never set for the caller
        }
        if (mode != Mode.RELEASE_CLEARS) {
            try {
                handedOut.release();
            } catch (PyException stillExported) {
                // a view made from it is still alive: it goes when that view goes
            }
        }
        if (copy != null) {
            copy.dealloc(memory);
        }
    }

    @Override
    public byte[] toBytes() throws PyException {
        if (mode == Mode.RAISES || mode == Mode.WRONG_TYPE) {
            getBuffer(0);
        }
        return base.toBytes();
    }

    @Override
    public void setByte(int index, byte value) throws PyException {
        base.setByte(index, value);
    }
}
