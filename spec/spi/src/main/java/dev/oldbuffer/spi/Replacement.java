package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * The new-buffer-API calls the page recommends instead of the four functions (its preamble: {@code PyObject_GetBuffer}
 * with {@code PyBuffer_Release}, or {@code PyArg_ParseTuple}'s format codes), each as migrated code makes it, with
 * every fact about each written here once ({@link Feature#NEW_BUFFER_API}). Code that does something per call switches
 * over this enum, so a new one does not compile until each such place handles it.
 */
@API(status = EXPERIMENTAL, since = "0.3")
public enum Replacement {
    /** {@code PyObject_GetBuffer(obj, &view, PyBUF_SIMPLE)}: what AsCharBuffer, AsReadBuffer and CheckReadBuffer wrap. */
    GET_BUFFER_SIMPLE("PyObject_GetBuffer(obj, &view, PyBUF_SIMPLE)", PyBuf.SIMPLE, null),
    /** {@code PyObject_GetBuffer(obj, &view, PyBUF_WRITABLE)}: what AsWriteBuffer wraps. */
    GET_BUFFER_WRITABLE("PyObject_GetBuffer(obj, &view, PyBUF_WRITABLE)", PyBuf.WRITABLE, null),
    /** {@code PyObject_GetBuffer(obj, &view, PyBUF_FULL_RO)}: the whole layout, read-only or not. */
    GET_BUFFER_FULL_RO("PyObject_GetBuffer(obj, &view, PyBUF_FULL_RO)", PyBuf.FULL_RO, null),
    /** {@code PyArg_ParseTuple(args, "y*", &view)}: any bytes-like object, C-contiguous. */
    PARSE_Y_STAR("PyArg_ParseTuple((obj,), \"y*\", &view)", -1, "y*"),
    /** {@code PyArg_ParseTuple(args, "w*", &view)}: a writable bytes-like object, C-contiguous. */
    PARSE_W_STAR("PyArg_ParseTuple((obj,), \"w*\", &view)", -1, "w*"),
    /** {@code PyArg_ParseTuple(args, "s*", &view)}: a str (its UTF-8) or any bytes-like object, C-contiguous. */
    PARSE_S_STAR("PyArg_ParseTuple((obj,), \"s*\", &view)", -1, "s*"),
    /** {@code PyArg_ParseTuple(args, "y#", &buf, &len)}: a read-only bytes-like object, released before it returns. */
    PARSE_Y_HASH("PyArg_ParseTuple((obj,), \"y#\", &buf, &len)", -1, "y#");

    private final String cCall;
    private final int flags;
    private final String format;

    Replacement(String cCall, int flags, String format) {
        this.cCall = cCall;
        this.flags = flags;
        this.format = format;
    }

    /** The call as C code writes it; never null. */
    public String cCall() {
        return cCall;
    }

    /** True for the {@code PyObject_GetBuffer} calls, false for the {@code PyArg_ParseTuple} ones. */
    public boolean isGetBuffer() {
        return format == null;
    }

    /** The request flags of a {@code PyObject_GetBuffer} call; {@link IllegalStateException} for a format code. */
    public int flags() {
        if (!isGetBuffer()) {
            throw new IllegalStateException(this + " is a PyArg_ParseTuple format, not a request");
        }
        return flags;
    }

    /** The {@code PyArg_ParseTuple} format ({@code y*}); {@link IllegalStateException} for a GetBuffer call. */
    public String format() {
        if (isGetBuffer()) {
            throw new IllegalStateException(this + " is a PyObject_GetBuffer request, not a format");
        }
        return format;
    }

    /** True when success leaves a {@code Py_buffer} the caller must give back with {@code PyBuffer_Release}; {@code y#} does not. */
    public boolean holdsView() {
        return !"y#".equals(format);
    }

    /** Whether the C return value means success: 0 for {@code PyObject_GetBuffer}, true (non-zero) for {@code PyArg_ParseTuple}. */
    public boolean accepted(int returnValue) {
        return isGetBuffer() ? returnValue == 0 : returnValue != 0;
    }

    /** The replacement with this C call text; {@link IllegalArgumentException} naming the known ones. */
    public static Replacement ofCCall(String cCall) {
        return Arrays.stream(values()).filter(r -> r.cCall.equals(cCall)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown replacement '" + cCall + "'; known: "
                        + Arrays.stream(values()).map(Replacement::cCall).toList()));
    }

    @Override
    public String toString() {
        return cCall;
    }
}
