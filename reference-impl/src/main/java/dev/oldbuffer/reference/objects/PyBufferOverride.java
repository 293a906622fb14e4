package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.reference.memory.AddressSpace;
import dev.oldbuffer.spi.ExportCounts;
import org.apiguardian.api.API;

/**
 * An instance of a bytearray subclass that overrides {@code __buffer__} to export its bytes from the second on, as
 * CPython 3.12+ runs it: the class's {@code __buffer__} replaces the inherited slot ({@code slot_bf_getbuffer}), takes
 * {@code bytearray.__buffer__(self, flags)[1:]} and lets the whole view go; the slot asks that slice for the request;
 * {@code __release_buffer__} releases it, and with it the bytearray's export. Counted as {@link PyPythonExporter} is.
 */
@API(status = INTERNAL, since = "0.2")
public final class PyBufferOverride implements BufferExporter {

    private final AddressSpace memory;
    private final PyByteArray whole;
    private int acquires;
    private int releases;
    private int lastFlags = -1;

    public PyBufferOverride(AddressSpace memory, byte[] data) {
        this.memory = memory;
        this.whole = new PyByteArray(memory, data);
    }

    /** The bytearray part of the instance: what resizing acts on. */
    public PyByteArray whole() {
        return whole;
    }

    @Override
    public String typeName() {
        return "ByteArrayExportingItsTail";
    }

    public ExportCounts counts() {
        return new ExportCounts(acquires, releases, lastFlags);
    }

    @Override
    public View getBuffer(int flags) throws PyException {
        lastFlags = flags;
        PyMemoryView all = PyMemoryView.fromObject(memory, whole);
        PyMemoryView tail = all.slice(1, null, 1);
        all.release();   // the slice keeps the bytearray's export
        View view;
        try {
            view = tail.getBuffer(flags);
        } catch (PyException refused) {
            tail.release();
            throw refused;
        }
        acquires++;
        return view.withObj(new BufferWrapper(tail, () -> releaseBufferMethod(tail)));
    }

    /** Not called: the views this class hands out are released through their {@link BufferWrapper}. */
    @Override
    public void releaseBuffer(View view) {
        throw new IllegalStateException("a PEP 688 view is released through its wrapper");
    }

    /** {@code __release_buffer__(tail)}: count, and release the slice, with it the bytearray's export. */
    private void releaseBufferMethod(PyMemoryView tail) {
        releases++;
        try {
            tail.release();
        } catch (PyException stillExported) {
            // a memoryview made from it is still alive: the export ends when that one goes
        }
    }

    /** What it exports: its bytes from the second on. */
    @Override
    public byte[] toBytes() throws PyException {
        byte[] all = whole.toBytes();
        return all.length == 0 ? all : java.util.Arrays.copyOfRange(all, 1, all.length);
    }

    /** Byte {@code index} of what it exports. */
    @Override
    public void setByte(int index, byte value) throws PyException {
        if (index < 0 || index + 1 >= whole.toBytes().length) {
            throw PyException.indexError("bytearray index out of range");
        }
        whole.setByte(index + 1, value);
    }
}
