package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * An instance of a Python subclass, without overrides, of bytes, bytearray or array.array: a type of its own that
 * inherits the base type's buffer slots, so it exports exactly as an instance of the base type would.
 */
@API(status = INTERNAL, since = "0.2")
public final class PySubclass implements BufferExporter {

    private final BufferExporter base;
    private final String typeName;

    public PySubclass(BufferExporter base, String typeName) {
        this.base = base;
        this.typeName = typeName;
    }

    /** The base type's part of the instance, which holds the data. */
    public BufferExporter base() {
        return base;
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public View getBuffer(int flags) throws PyException {
        return base.getBuffer(flags);
    }

    @Override
    public void releaseBuffer(View view) {
        base.releaseBuffer(view);
    }

    /** Inherited from the base type, as every slot is. */
    @Override
    public boolean hasReleaseSlot() {
        return base.hasReleaseSlot();
    }

    @Override
    public byte[] toBytes() throws PyException {
        return base.toBytes();
    }

    @Override
    public void setByte(int index, byte value) throws PyException {
        base.setByte(index, value);
    }
}
