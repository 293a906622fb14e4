package dev.oldbuffer.reference.capi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.oldbuffer.reference.objects.BufferExporter;
import dev.oldbuffer.reference.objects.BufferProtocol;
import dev.oldbuffer.reference.objects.PyException;
import dev.oldbuffer.reference.objects.PyObject;
import dev.oldbuffer.reference.objects.View;
import org.apiguardian.api.API;

/**
 * The new-buffer-API building blocks the old functions are written with, one protected method per C
 * routine, so that a variant can change exactly one of them (skip the release, ask with other flags, ...).
 * Failing routines return null with the error set, as their C counterparts return -1.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public abstract class BufferCalls implements OldBufferFunctions {

    /** {@code PyObject_GetBuffer}: TypeError for a type without buffer slot, else whatever the slot does. */
    protected View getBuffer(Interpreter interp, PyObject obj, int flags) {
        BufferExporter exporter = obj.bufferProcs();
        if (exporter == null) {
            interp.threadState().set("TypeError", "a bytes-like object is required, not '" + obj.typeName() + "'");
            return null;
        }
        return callGetBufferSlot(interp, exporter, flags);
    }

    /**
     * {@code PyType_Call_bf_getbuffer}: calls the slot, which takes a reference for {@code view.obj}; its exception
     * becomes the error indicator (none for a silent one).
     */
    protected View callGetBufferSlot(Interpreter interp, BufferExporter exporter, int flags) {
        try {
            View view = exporter.getBuffer(flags);
            interp.references().incref(view.obj());
            return view;
        } catch (PyException e) {
            if (!e.isSilent()) {
                interp.threadState().set(e.error());
            }
            return null;
        }
    }

    /** {@code PyBuffer_Release}: the exporter's bf_releasebuffer, then {@code Py_XDECREF(view.obj)}. */
    protected void releaseBuffer(Interpreter interp, View view) {
        BufferProtocol.release(view);
        interp.references().decref(view.obj());
    }

    /** {@code null_error()} of Objects/abstract.c: SystemError, unless an error is already set. */
    protected void nullError(Interpreter interp) {
        if (!interp.threadState().occurred()) {
            interp.threadState().set("SystemError", "null argument to internal routine");
        }
    }

    /** Writes both out-parameters from an acquired view ({@code *buffer = view.buf; *buffer_len = view.len}). */
    protected void storeResult(View view, OutPointer buffer, OutPointer bufferLen) {
        buffer.set(view.buf());
        bufferLen.set(view.len());
    }
}
