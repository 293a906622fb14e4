package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.reference.memory.AddressSpace;
import dev.oldbuffer.reference.memory.Region;
import org.apiguardian.api.API;

/** {@code bytes}: immutable, so its storage is read-only memory and writable requests are refused. */
@API(status = INTERNAL, since = "0.1")
public final class PyBytes implements BufferExporter {

    private final Region storage;

    public PyBytes(AddressSpace memory, byte[] data) {
        this.storage = memory.allocate(data, true, "bytes storage");
    }

    @Override
    public String typeName() {
        return "bytes";
    }

    /** Frees the storage, as the last reference going does (a copy that only a memoryview held). */
    public void dealloc(AddressSpace memory) {
        memory.free(storage);
    }

    public long address() {
        return storage.base();
    }

    @Override
    public View getBuffer(int flags) throws PyException {
        return BufferProtocol.fillInfo(this, storage.base(), Math.toIntExact(storage.size()), true, flags);
    }

    @Override
    public void releaseBuffer(View view) {
        // bytes has no bf_releasebuffer: nothing to count, its storage never moves.
    }

    @Override
    public boolean hasReleaseSlot() {
        return false;
    }

    @Override
    public byte[] toBytes() {
        return storage.loadAll();
    }

    @Override
    public void setByte(int index, byte value) throws PyException {
        throw PyException.typeError("'bytes' object does not support item assignment");
    }
}
