package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.reference.memory.AddressSpace;
import dev.oldbuffer.spi.Typecodes;
import org.apiguardian.api.API;

/** {@code array.array(typecode)}: items of one machine type, always writable, not resizable while exported. */
@API(status = INTERNAL, since = "0.1")
public final class PyArray extends ResizableBuffer {

    private final char typecode;

    public PyArray(AddressSpace memory, char typecode, byte[] raw) {
        super(memory, whole(typecode, raw));
        this.typecode = typecode;
    }

    private static byte[] whole(char typecode, byte[] raw) {
        if (raw.length % Typecodes.itemSize(typecode) != 0) {
            throw new IllegalArgumentException("array('" + typecode + "') needs a multiple of "
                    + Typecodes.itemSize(typecode) + " bytes, got " + raw.length);
        }
        return raw;
    }

    @Override
    public String typeName() {
        return "array.array";
    }

    public char typecode() {
        return typecode;
    }

    @Override
    public int itemSize() {
        return Typecodes.itemSize(typecode);
    }

    @Override
    protected String resizeRefusal() {
        return "cannot resize an array that is exporting buffers";
    }

    /**
     * array_buffer_getbuf: never refuses (an array is always writable); item size and format are the typecode's, except
     * that {@code 'u'} items are 4-byte {@code wchar_t} and shown as PEP 3118's {@code 'w'}.
     */
    @Override
    protected View describe(long buf, int len, int flags) {
        int itemsize = itemSize();
        return new View(buf, len, false, itemsize,
                BufferProtocol.requestsFormat(flags) ? String.valueOf(typecode == 'u' ? 'w' : typecode) : null, 1,
                BufferProtocol.requestsShape(flags) ? new int[] {len / itemsize} : null,
                BufferProtocol.requestsStrides(flags) ? new int[] {itemsize} : null, this);
    }
}
