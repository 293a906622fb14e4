package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.reference.memory.AddressSpace;
import org.apiguardian.api.API;

/** {@code bytearray}: writable bytes that cannot be resized while exported. */
@API(status = INTERNAL, since = "0.1")
public final class PyByteArray extends ResizableBuffer {

    public PyByteArray(AddressSpace memory, byte[] data) {
        super(memory, data);
    }

    @Override
    public String typeName() {
        return "bytearray";
    }

    @Override
    public int itemSize() {
        return 1;
    }

    @Override
    protected String resizeRefusal() {
        return "Existing exports of data: object cannot be re-sized";
    }

    @Override
    protected View describe(long buf, int len, int flags) throws PyException {
        return BufferProtocol.fillInfo(this, buf, len, false, flags);
    }
}
