package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.spi.PyBuf;
import org.apiguardian.api.API;

/**
 * The request flags of Include/pybuffer.h beyond those the SPI names, the tests CPython applies to them,
 * and the two helpers every exporter uses: {@code PyBuffer_FillInfo} and {@code PyBuffer_Release}.
 */
@API(status = INTERNAL, since = "0.1")
public final class BufferProtocol {

    public static final int C_CONTIGUOUS = 0x0020 | PyBuf.STRIDES;
    public static final int F_CONTIGUOUS = 0x0040 | PyBuf.STRIDES;
    public static final int ANY_CONTIGUOUS = 0x0080 | PyBuf.STRIDES;
    public static final int INDIRECT = PyBuf.INDIRECT;
    /** What {@code memoryview(obj)} asks its base for. */
    public static final int FULL_RO = PyBuf.FULL_RO;

    private BufferProtocol() {
    }

    public static boolean requestsWritable(int flags) {
        return (flags & PyBuf.WRITABLE) != 0;
    }

    public static boolean requestsFormat(int flags) {
        return (flags & PyBuf.FORMAT) != 0;
    }

    public static boolean requestsShape(int flags) {
        return (flags & PyBuf.ND) == PyBuf.ND;
    }

    public static boolean requestsStrides(int flags) {
        return (flags & PyBuf.STRIDES) == PyBuf.STRIDES;
    }

    public static boolean requests(int flags, int request) {
        return (flags & request) == request;
    }

    /**
     * {@code PyBuffer_FillInfo}: a one-dimensional byte view over {@code len} bytes at {@code buf}, with only
     * the fields the request asks for.
     */
    public static View fillInfo(BufferExporter obj, long buf, int len, boolean readonly, int flags) throws PyException {
        if (requestsWritable(flags) && readonly) {
            throw PyException.bufferError("Object is not writable.");
        }
        return new View(buf, len, readonly, 1, requestsFormat(flags) ? "B" : null, 1,
                requestsShape(flags) ? new int[] {len} : null, requestsStrides(flags) ? new int[] {1} : null, obj);
    }

    /** {@code PyBuffer_Release}: gives the view back to the exporter it came from. */
    public static void release(View view) {
        if (view.obj() != null) {
            view.obj().releaseBuffer(view);
        }
    }
}
