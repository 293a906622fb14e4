package dev.oldbuffer.reference.capi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.oldbuffer.reference.memory.Region;
import dev.oldbuffer.reference.objects.BufferExporter;
import dev.oldbuffer.reference.objects.BufferProtocol;
import dev.oldbuffer.reference.objects.Contiguity;
import dev.oldbuffer.reference.objects.PyException;
import dev.oldbuffer.reference.objects.PyObject;
import dev.oldbuffer.reference.objects.PyStr;
import dev.oldbuffer.reference.objects.View;
import dev.oldbuffer.spi.PyBuf;
import dev.oldbuffer.spi.Replacement;
import org.apiguardian.api.API;

/**
 * The new-buffer-API building blocks the old functions are written with, one protected method per C
 * routine, so that a variant can change exactly one of them (skip the release, ask with other flags, ...).
 * Failing routines return null with the error set, as their C counterparts return -1.
 *
 * <p>The calls the page recommends instead ({@link Replacement}) are written here too, as Objects/abstract.c and
 * Python/getargs.c have them in CPython 3.11-3.14: the page says nothing of their own behaviour, so both profiles share them.
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

    @Override
    public Replaced replace(Interpreter interp, PyObject obj, Replacement call) {
        return switch (call) {
            case GET_BUFFER_SIMPLE, GET_BUFFER_WRITABLE, GET_BUFFER_FULL_RO -> {
                View view = getBuffer(interp, obj, call.flags());
                yield view == null ? Replaced.refused(call) : Replaced.holding(call, view);
            }
            case PARSE_Y_STAR -> parsedBytesLike(interp, obj, call);
            case PARSE_S_STAR -> obj instanceof PyStr str ? parsedStr(interp, str, call) : parsedBytesLike(interp, obj, call);
            case PARSE_W_STAR -> {
                View view = getBuffer(interp, obj, PyBuf.WRITABLE);
                if (view == null) {
                    discardExporterError(interp);
                    yield argumentError(interp, call, obj, "read-write bytes-like object");
                }
                if (!contiguousForArguments(view)) {
                    releaseBuffer(interp, view);
                    yield argumentError(interp, call, obj, "contiguous buffer");
                }
                yield Replaced.holding(call, view);
            }
            case PARSE_Y_HASH -> {
                if (refusedByYHash(obj)) {
                    yield argumentError(interp, call, obj, "read-only bytes-like object");
                }
                Replaced parsed = parsedBytesLike(interp, obj, call);
                if (parsed.held() != null) {
                    releaseBuffer(interp, parsed.held());
                }
                yield new Replaced(parsed.returnValue(), parsed.buf(), parsed.len(), null);
            }
        };
    }

    /** getargs.c's {@code getbuffer}: a simple request, and the view must be C-contiguous. */
    protected Replaced parsedBytesLike(Interpreter interp, PyObject obj, Replacement call) {
        View view = getBuffer(interp, obj, PyBuf.SIMPLE);
        if (view == null) {
            return argumentError(interp, call, obj, "bytes-like object");
        }
        if (!contiguousForArguments(view)) {
            releaseBuffer(interp, view);
            return argumentError(interp, call, obj, "contiguous buffer");
        }
        return Replaced.holding(call, view);
    }

    /** getargs.c's {@code convertbuffer}: {@code y#} refuses a type with {@code bf_releasebuffer}, whose memory may move once released. */
    protected boolean refusedByYHash(PyObject obj) {
        BufferExporter exporter = obj.bufferProcs();
        return exporter != null && exporter.hasReleaseSlot();
    }

    /** The test getargs.c applies to the view of {@code y*}, {@code s*}, {@code w*} and {@code y#}: {@code PyBuffer_IsContiguous(view, 'C')}. */
    protected boolean contiguousForArguments(View view) {
        return Contiguity.isCSegment(view);
    }

    /** {@code w*}'s {@code PyErr_Clear()} after a refused writable request: its TypeError replaces what the exporter raised. */
    protected void discardExporterError(Interpreter interp) {
        interp.threadState().clear();
    }

    /** {@code s*} of a str: {@code PyBuffer_FillInfo} over its UTF-8 form, read-only. */
    protected Replaced parsedStr(Interpreter interp, PyStr str, Replacement call) {
        Region utf8;
        try {
            utf8 = str.utf8(interp.memory());
        } catch (PyException e) {
            interp.threadState().set(e.error());
            return argumentError(interp, call, str, "str without surrogates");
        }
        // view.obj is the str, which exports nothing: the model counts only references held on exporters
        View view = new View(utf8.base(), utf8.size(), true, 1, null, 1, null, null, null);
        return Replaced.holding(call, view);
    }

    /**
     * getargs.c's {@code converterr} and {@code seterror}: a TypeError naming what the argument must be, unless the
     * conversion already set an error, which is kept.
     */
    protected Replaced argumentError(Interpreter interp, Replacement call, PyObject obj, String expected) {
        if (!interp.threadState().occurred()) {
            interp.threadState().set("TypeError", "argument 1 must be " + expected + ", not " + obj.typeName());
        }
        return Replaced.refused(call);
    }

    @Override
    public void release(Interpreter interp, View view) {
        releaseBuffer(interp, view);
    }

    /** {@code PyObject_CheckBuffer}: only whether the type has {@code bf_getbuffer}; nothing is acquired. */
    @Override
    public int checkBuffer(Interpreter interp, PyObject obj) {
        return obj.bufferProcs() != null ? 1 : 0;
    }

    /** Writes both out-parameters from an acquired view ({@code *buffer = view.buf; *buffer_len = view.len}). */
    protected void storeResult(View view, OutPointer buffer, OutPointer bufferLen) {
        buffer.set(view.buf());
        bufferLen.set(view.len());
    }
}
