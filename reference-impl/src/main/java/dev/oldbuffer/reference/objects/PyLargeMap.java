package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.reference.memory.AddressSpace;
import dev.oldbuffer.reference.memory.Region;
import org.apiguardian.api.API;

/**
 * {@code mmap.mmap(-1, length)} of any length, over sparse memory (only the pages written to exist). It exports as
 * {@link PyMmap} does - writable, one segment, close() refused while exported - but describes its view without a
 * shape: a shape of more than 2^31 items does not fit the model's {@code int[]}, and the four functions read only the
 * address, the length and the flags. A memoryview of it is not modelled.
 */
@API(status = INTERNAL, since = "0.2")
public final class PyLargeMap implements BufferExporter {

    private final AddressSpace memory;
    private final Region mapping;
    private int exports;
    private boolean closed;

    public PyLargeMap(AddressSpace memory, long length) {
        this.memory = memory;
        this.mapping = memory.allocateSparse(length, "anonymous map of " + length + " bytes");
    }

    @Override
    public String typeName() {
        return "mmap.mmap";
    }

    @Override
    public View getBuffer(int flags) throws PyException {
        if (closed) {
            throw PyException.valueError("mmap closed or invalid");
        }
        exports++;
        // No shape or strides even when asked: an int[] cannot hold 2^31 + 16 items. What the four functions read of the
        // view - buf, len, readonly - is as CPython's mmap fills it.
        return new View(mapping.base(), mapping.size(), false, 1, BufferProtocol.requestsFormat(flags) ? "B" : null, 1,
                null, null, this);
    }

    @Override
    public void releaseBuffer(View view) {
        exports--;
    }

    /** {@code close()}: refused while exported. */
    public void close() throws PyException {
        if (exports > 0) {
            throw PyException.bufferError("cannot close exported pointers exist");
        }
        if (!closed) {
            closed = true;
            memory.free(mapping);
        }
    }

    /** Its bytes cannot all be listed: the kit reads a large map through addresses only. */
    @Override
    public byte[] toBytes() throws PyException {
        throw PyException.typeError("a map of " + mapping.size() + " bytes is not read whole");
    }

    @Override
    public void setByte(int index, byte value) throws PyException {
        if (closed) {
            throw PyException.valueError("mmap closed or invalid");
        }
        if (index < 0 || index >= mapping.size()) {
            throw PyException.indexError("mmap index out of range");
        }
        mapping.store(index, new byte[] {value});
    }
}
