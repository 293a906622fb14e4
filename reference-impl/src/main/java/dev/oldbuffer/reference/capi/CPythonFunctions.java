package dev.oldbuffer.reference.capi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.oldbuffer.reference.objects.BufferExporter;
import dev.oldbuffer.reference.objects.PyObject;
import dev.oldbuffer.reference.objects.View;
import dev.oldbuffer.spi.PyBuf;
import dev.oldbuffer.spi.RuntimeFailure;
import org.apiguardian.api.API;

/**
 * The four functions as CPython 3.12 writes them in Objects/abstract.c, line for line: the exporter's
 * error passes through AsCharBuffer/AsReadBuffer, AsWriteBuffer replaces any failure with one TypeError,
 * CheckReadBuffer clears the error, NULL arguments give SystemError, and CheckReadBuffer(NULL) crashes.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class CPythonFunctions extends BufferCalls {

    public static final String NOT_WRITABLE = "expected a writable bytes-like object";

    @Override
    public String flavour() {
        return "cpython";
    }

    @Override
    public int asCharBuffer(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen) {
        return asReadBufferImpl(interp, obj, buffer, bufferLen);
    }

    @Override
    public int asReadBuffer(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen) {
        return asReadBufferImpl(interp, obj, buffer, bufferLen);
    }

    /** {@code as_read_buffer}, shared by AsCharBuffer and AsReadBuffer. */
    protected int asReadBufferImpl(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen) {
        if (obj == null || buffer == null || bufferLen == null) {
            nullError(interp);
            return -1;
        }
        View view = getBuffer(interp, obj, PyBuf.SIMPLE);
        if (view == null) {
            return -1;
        }
        storeResult(view, buffer, bufferLen);
        releaseBuffer(interp, view);
        return 0;
    }

    @Override
    public int checkReadBuffer(Interpreter interp, PyObject obj) {
        if (obj == null) {
            // Py_TYPE(obj)->tp_as_buffer reads through the NULL pointer before anything is checked.
            throw new RuntimeFailure(RuntimeFailure.Kind.CRASHED,
                    "PyObject_CheckReadBuffer(NULL) dereferences NULL (CPython crashes)");
        }
        BufferExporter exporter = obj.bufferProcs();
        if (exporter == null) {
            return 0;
        }
        View view = callGetBufferSlot(interp, exporter, PyBuf.SIMPLE);
        if (view == null) {
            interp.threadState().clear();
            return 0;
        }
        releaseBuffer(interp, view);
        return 1;
    }

    @Override
    public int asWriteBuffer(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen) {
        if (obj == null || buffer == null || bufferLen == null) {
            nullError(interp);
            return -1;
        }
        BufferExporter exporter = obj.bufferProcs();
        View view = exporter == null ? null : callGetBufferSlot(interp, exporter, PyBuf.WRITABLE);
        if (view == null) {
            interp.threadState().set("TypeError", NOT_WRITABLE);
            return -1;
        }
        storeResult(view, buffer, bufferLen);
        releaseBuffer(interp, view);
        return 0;
    }
}
