package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.reference.memory.AddressSpace;
import dev.oldbuffer.reference.memory.Region;
import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * The shared part of {@code bytearray} and {@code array.array}: writable storage, an export count, and
 * resizing that is refused while any view is exported, because a resize moves the storage (the old
 * region is freed) and would leave every exported pointer dangling.
 */
@API(status = INTERNAL, since = "0.1")
public abstract class ResizableBuffer implements BufferExporter {

    private final AddressSpace memory;
    private Region storage;
    private int exports;

    protected ResizableBuffer(AddressSpace memory, byte[] initial) {
        this.memory = memory;
        this.storage = memory.allocate(initial, false, typeName() + " storage");
    }

    /** The BufferError message CPython gives when a resize meets exports. */
    protected abstract String resizeRefusal();

    /** Bytes per item: what one step of a resize adds. */
    public abstract int itemSize();

    /** Fills the view for a request; the export is counted by the caller. */
    protected abstract View describe(long buf, int len, int flags) throws PyException;

    public int exports() {
        return exports;
    }

    public long address() {
        return storage.base();
    }

    public int size() {
        return Math.toIntExact(storage.size());
    }

    @Override
    public final View getBuffer(int flags) throws PyException {
        View view = describe(storage.base(), Math.toIntExact(storage.size()), flags);
        exports++;
        return view;
    }

    @Override
    public final void releaseBuffer(View view) {
        exports--;
    }

    /** Resizes to {@code newSize} bytes: new storage at a new address, the old region freed. */
    public void resize(int newSize) throws PyException {
        if (exports > 0) {
            throw PyException.bufferError(resizeRefusal());
        }
        Region moved = memory.allocate(Arrays.copyOf(storage.loadAll(), newSize), false, typeName() + " storage");
        memory.free(storage);
        storage = moved;
    }

    /** Appends one item and removes it again; false when refused because the object is exported. */
    public boolean tryGrowAndShrink() {
        int size = Math.toIntExact(storage.size());
        try {
            resize(size + itemSize());
            resize(size);
            return true;
        } catch (PyException refused) {
            return false;
        }
    }

    @Override
    public byte[] toBytes() {
        return storage.loadAll();
    }

    @Override
    public void setByte(int index, byte value) throws PyException {
        if (index < 0 || index >= storage.size()) {
            throw PyException.indexError(typeName() + " index out of range");
        }
        storage.store(index, new byte[] {value});
    }
}
