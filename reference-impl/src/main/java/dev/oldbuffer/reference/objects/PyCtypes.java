package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.reference.memory.AddressSpace;
import dev.oldbuffer.reference.memory.Region;
import org.apiguardian.api.API;

/**
 * A ctypes object, as {@code PyCData_NewGetBuffer} (Modules/_ctypes/_ctypes.c) exports it: its own memory to every
 * request, whatever the flags - always writable, with its type's format, dimensions and shape, no strides - and no
 * {@code bf_releasebuffer}.
 */
@API(status = INTERNAL, since = "0.2")
public final class PyCtypes implements BufferExporter {

    private final String typeName;
    private final Region memory;
    private final String format;
    private final int itemSize;
    private final int[] shape;

    /**
     * @param itemSize bytes per item: the element of an array, the whole object otherwise
     * @param shape    {@code {n}} for an array, empty for a structure or a scalar (0-d)
     */
    public PyCtypes(AddressSpace memory, String typeName, byte[] raw, String format, int itemSize, int[] shape) {
        this.typeName = typeName;
        this.memory = memory.allocate(raw, false, typeName + " memory");
        this.format = format;
        this.itemSize = itemSize;
        this.shape = shape.clone();
    }

    @Override
    public String typeName() {
        return typeName;
    }

    /** Ignores the request: ctypes fills the same view for every one. */
    @Override
    public View getBuffer(int flags) {
        return new View(memory.base(), memory.size(), false, itemSize, format, shape.length, shape, null, this);
    }

    /** ctypes has no bf_releasebuffer. */
    @Override
    public void releaseBuffer(View view) {
    }

    @Override
    public boolean hasReleaseSlot() {
        return false;
    }

    @Override
    public byte[] toBytes() {
        return memory.loadAll();
    }

    @Override
    public void setByte(int index, byte value) throws PyException {
        if (index < 0 || index >= memory.size()) {
            throw PyException.indexError("index out of range");
        }
        memory.store(index, new byte[] {value});
    }
}
