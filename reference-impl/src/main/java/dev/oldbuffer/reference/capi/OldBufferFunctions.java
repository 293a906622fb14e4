package dev.oldbuffer.reference.capi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.oldbuffer.reference.objects.PyObject;
import dev.oldbuffer.reference.objects.View;
import dev.oldbuffer.spi.Replacement;
import org.apiguardian.api.API;

/**
 * The four functions of the old buffer API, C-shaped: a null {@code obj} is C NULL, a null
 * {@link OutPointer} is a NULL out-parameter, the result is the C return value and errors go to the
 * interpreter's {@link ThreadState}. Implementations are stateless, so one instance can serve any runtime.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface OldBufferFunctions {

    /** A short name recorded in the runtime's info: {@code documented}, {@code cpython}, or a variant's. */
    String flavour();

    int asCharBuffer(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen);

    int asReadBuffer(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen);

    int checkReadBuffer(Interpreter interp, PyObject obj);

    int asWriteBuffer(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen);

    /** One of the calls the page recommends instead (never on C NULL); a view it holds is given back with {@link #release}. */
    Replaced replace(Interpreter interp, PyObject obj, Replacement call);

    /** {@code PyBuffer_Release} of a view {@link #replace} handed out. */
    void release(Interpreter interp, View view);

    /** {@code PyObject_CheckBuffer}. */
    int checkBuffer(Interpreter interp, PyObject obj);

    /**
     * What a replacement call gave: its C return value and, on success, the pointer and length it handed over and the
     * view the caller now holds (null for {@code y#}, which gives its view back before returning, and on failure).
     */
    record Replaced(int returnValue, long buf, long len, View held) {

        public static Replaced refused(Replacement call) {
            return new Replaced(call.isGetBuffer() ? -1 : 0, 0, 0, null);
        }

        public static Replaced holding(Replacement call, View view) {
            return new Replaced(call.isGetBuffer() ? 0 : 1, view.buf(), view.len(), view);
        }
    }
}
