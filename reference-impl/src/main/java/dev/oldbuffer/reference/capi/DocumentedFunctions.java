package dev.oldbuffer.reference.capi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.oldbuffer.reference.objects.BufferExporter;
import dev.oldbuffer.reference.objects.Contiguity;
import dev.oldbuffer.reference.objects.PyObject;
import dev.oldbuffer.reference.objects.View;
import dev.oldbuffer.spi.PyBuf;
import dev.oldbuffer.spi.PyError;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The four functions as the documentation page promises them, and no more: success returns 0 and fills
 * both out-parameters; every failure returns -1 with a TypeError (whatever the exporter raised is kept in
 * the message only); CheckReadBuffer answers 1 or 0 and never leaves an error of its own. Where the page
 * is silent (NULL arguments) the model stays inside the promise: -1 with TypeError, or 0 for the check.
 * The page asks for one segment, so the model looks at what the exporter handed back before passing it on - an
 * exporter that ignores the request (a strided or indirect view to a simple one, a read-only view to a writable
 * one) is refused like any other.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class DocumentedFunctions extends BufferCalls {

    @Override
    public String flavour() {
        return "documented";
    }

    @Override
    public int asCharBuffer(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen) {
        return acquire(interp, "PyObject_AsCharBuffer", "single-segment character", obj, buffer, bufferLen, PyBuf.SIMPLE);
    }

    @Override
    public int asReadBuffer(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen) {
        return acquire(interp, "PyObject_AsReadBuffer", "single-segment readable", obj, buffer, bufferLen, PyBuf.SIMPLE);
    }

    @Override
    public int asWriteBuffer(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen) {
        return acquire(interp, "PyObject_AsWriteBuffer", "single-segment writable", obj, buffer, bufferLen, PyBuf.WRITABLE);
    }

    /** Shared body of the three getters: acquire, copy out, release; any refusal becomes a TypeError. */
    protected int acquire(Interpreter interp, String function, String interfaceName, PyObject obj,
                          OutPointer buffer, OutPointer bufferLen, int flags) {
        if (obj == null) {
            return fail(interp, function + "() argument must be an object, not NULL");
        }
        if (buffer == null || bufferLen == null) {
            return fail(interp, function + "() needs both out-parameters, got NULL for "
                    + (buffer == null ? "buffer" : "buffer_len"));
        }
        View view = getBuffer(interp, obj, flags);
        if (view == null) {
            return fail(interp, refusal(interp.threadState().fetch(), obj, interfaceName));
        }
        String unusable = unusable(view, flags);
        if (unusable != null) {
            releaseBuffer(interp, view);
            return fail(interp, "'" + obj.typeName() + "' object does not support the " + interfaceName
                    + " buffer interface (its exporter handed back " + unusable + ")");
        }
        storeResult(view, buffer, bufferLen);
        releaseBuffer(interp, view);
        return 0;
    }

    /**
     * Why a view the exporter handed back cannot be passed on, or null when it can: it must be one segment
     * ({@code PyBuffer_IsContiguous(view, 'A')}), and writable when a writable view was asked for.
     */
    protected String unusable(View view, int flags) {
        if (!Contiguity.isSingleSegment(view)) {
            return view.suboffsets() != null ? "an indirect view (suboffsets)" : "a view that is not one segment";
        }
        if ((flags & PyBuf.WRITABLE) != 0 && view.readonly()) {
            return "a read-only view to a writable request";
        }
        return null;
    }

    /** A TypeError message that still says what the exporter objected to. */
    protected String refusal(Optional<PyError> raised, PyObject obj, String interfaceName) {
        PyError error = raised.orElse(new PyError("TypeError", "'" + obj.typeName() + "' failed to export a buffer and set no error"));
        if (error.type().equals("TypeError")) {
            return error.message();
        }
        return "'" + obj.typeName() + "' object does not support the " + interfaceName + " buffer interface ("
                + error + ")";
    }

    protected int fail(Interpreter interp, String message) {
        interp.threadState().set("TypeError", message);
        return -1;
    }

    /** Runs on a clean indicator and puts back whatever the caller had set: the check adds no error of its own. */
    @Override
    public int checkReadBuffer(Interpreter interp, PyObject obj) {
        if (obj == null) {
            return 0;
        }
        Optional<PyError> callers = interp.threadState().fetch();
        try {
            BufferExporter exporter = obj.bufferProcs();
            if (exporter == null) {
                return 0;
            }
            View view = callGetBufferSlot(interp, exporter, PyBuf.SIMPLE);
            if (view == null) {
                return 0;
            }
            releaseBuffer(interp, view);
            return unusable(view, PyBuf.SIMPLE) == null ? 1 : 0;
        } finally {
            interp.threadState().restore(callers);
        }
    }
}
