package dev.oldbuffer.tck.broken;

import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.reference.ReferenceRuntime;
import dev.oldbuffer.reference.capi.CPythonFunctions;
import dev.oldbuffer.reference.capi.DocumentedFunctions;
import dev.oldbuffer.reference.capi.Interpreter;
import dev.oldbuffer.reference.capi.OldBufferFunctions;
import dev.oldbuffer.reference.capi.OutPointer;
import dev.oldbuffer.reference.memory.Region;
import dev.oldbuffer.reference.objects.BufferExporter;
import dev.oldbuffer.reference.objects.BufferProtocol;
import dev.oldbuffer.reference.objects.PyBufferOverride;
import dev.oldbuffer.reference.objects.Contiguity;
import dev.oldbuffer.reference.objects.PyObject;
import dev.oldbuffer.reference.objects.PyMemoryView;
import dev.oldbuffer.reference.objects.PyMmap;
import dev.oldbuffer.reference.objects.PyPythonExporter;
import dev.oldbuffer.reference.objects.PyStr;
import dev.oldbuffer.reference.objects.PySubclass;
import dev.oldbuffer.reference.objects.ResizableBuffer;
import dev.oldbuffer.reference.objects.View;
import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.spi.OldBufferRuntime;
import dev.oldbuffer.spi.OutSlots;
import dev.oldbuffer.spi.PyBuf;
import dev.oldbuffer.spi.Replacement;
import dev.oldbuffer.spi.RuntimeFailure;
import dev.oldbuffer.spi.Typecodes;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Deliberately broken implementations: each is the reference implementation with one realistic defect, made by
 * overriding one building block of its C-API layer (or, for the copy, decorating its runtime). Each models one
 * profile - the flavour it is derived from - and is selectable as {@code broken-<id>}.
 */
enum Defect {

    SUCCESS_RETURNS_ONE("success-returns-one", Profile.DOCUMENTED, "AsCharBuffer returns 1 instead of 0 on success",
            () -> functions(new DocumentedFunctions() {
                @Override
                public int asCharBuffer(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen) {
                    int result = super.asCharBuffer(interp, obj, buffer, bufferLen);
                    return result == 0 ? 1 : result;
                }
            })),

    LENGTH_IN_ITEMS("length-in-items", Profile.DOCUMENTED, "buffer_len counts items, not bytes",
            () -> functions(new DocumentedFunctions() {
                @Override
                protected void storeResult(View view, OutPointer buffer, OutPointer bufferLen) {
                    buffer.set(view.buf());
                    bufferLen.set(view.len() / view.itemsize());
                }
            })),

    ACCEPTS_STRIDED("accepts-strided", Profile.DOCUMENTED,
            "AsCharBuffer and AsReadBuffer ask for PyBUF_STRIDES and pass on what comes back, so strided views pass",
            () -> functions(new DocumentedFunctions() {
                @Override
                protected String unusable(View view, int flags) {
                    return (flags & PyBuf.STRIDES) == PyBuf.STRIDES ? null : super.unusable(view, flags);
                }

                @Override
                public int asCharBuffer(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen) {
                    return acquire(interp, "PyObject_AsCharBuffer", "character", obj, buffer, bufferLen, PyBuf.STRIDES);
                }

                @Override
                public int asReadBuffer(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen) {
                    return acquire(interp, "PyObject_AsReadBuffer", "readable", obj, buffer, bufferLen, PyBuf.STRIDES);
                }
            })),

    CHECK_LEAVES_ERROR("check-leaves-error", Profile.DOCUMENTED, "CheckReadBuffer forgets PyErr_Clear after a refused getbuffer",
            () -> functions(new DocumentedFunctions() {
                @Override
                public int checkReadBuffer(Interpreter interp, PyObject obj) {
                    BufferExporter exporter = obj == null ? null : obj.bufferProcs();
                    if (exporter == null) {
                        return 0;
                    }
                    View view = callGetBufferSlot(interp, exporter, PyBuf.SIMPLE);
                    if (view == null) {
                        return 0;
                    }
                    releaseBuffer(interp, view);
                    return 1;
                }
            })),

    WRONG_EXCEPTION_TYPE("wrong-exception-type", Profile.DOCUMENTED,
            "AsWriteBuffer passes on the exporter's BufferError instead of setting a TypeError",
            () -> functions(new DocumentedFunctions() {
                @Override
                public int asWriteBuffer(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen) {
                    if (obj == null || buffer == null || bufferLen == null) {
                        return super.asWriteBuffer(interp, obj, buffer, bufferLen);
                    }
                    View view = getBuffer(interp, obj, PyBuf.WRITABLE);
                    if (view == null) {
                        return -1;
                    }
                    storeResult(view, buffer, bufferLen);
                    releaseBuffer(interp, view);
                    return 0;
                }
            })),

    VIEW_NEVER_RELEASED("view-never-released", Profile.DOCUMENTED, "no PyBuffer_Release: every acquired view stays exported",
            () -> functions(new DocumentedFunctions() {
                @Override
                protected void releaseBuffer(Interpreter interp, View view) {
                }
            })),

    RELEASED_TWICE("released-twice", Profile.DOCUMENTED, "PyBuffer_Release is called twice for every view",
            () -> functions(new DocumentedFunctions() {
                @Override
                protected void releaseBuffer(Interpreter interp, View view) {
                    super.releaseBuffer(interp, view);
                    super.releaseBuffer(interp, view);
                }
            })),

    POINTER_TO_A_COPY("pointer-to-a-copy", Profile.DOCUMENTED, "the getters return the address of a fresh copy of the bytes",
            CopyingRuntime::new),

    WRITABLE_READ_ONLY("writable-read-only", Profile.DOCUMENTED,
            "AsWriteBuffer asks for PyBUF_SIMPLE, so read-only data comes back as writable",
            () -> functions(new DocumentedFunctions() {
                @Override
                public int asWriteBuffer(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen) {
                    return acquire(interp, "PyObject_AsWriteBuffer", "writable", obj, buffer, bufferLen, PyBuf.SIMPLE);
                }
            })),

    CHECK_RETURNS_TWO("check-returns-two", Profile.DOCUMENTED, "CheckReadBuffer answers 2 for resizable objects",
            () -> functions(new DocumentedFunctions() {
                @Override
                public int checkReadBuffer(Interpreter interp, PyObject obj) {
                    int answer = super.checkReadBuffer(interp, obj);
                    return answer == 1 && obj instanceof ResizableBuffer ? 2 : answer;
                }
            })),

    CHECK_IGNORES_CONTIGUITY("check-ignores-contiguity", Profile.DOCUMENTED,
            "CheckReadBuffer answers 1 for any type with a buffer slot, without asking for a view",
            () -> functions(new DocumentedFunctions() {
                @Override
                public int checkReadBuffer(Interpreter interp, PyObject obj) {
                    return obj != null && obj.bufferProcs() != null ? 1 : 0;
                }
            })),

    SUCCESS_LEAVES_ERROR("success-leaves-error", Profile.DOCUMENTED,
            "AsReadBuffer tries a writable view first and does not clear that attempt's error",
            () -> functions(new DocumentedFunctions() {
                @Override
                public int asReadBuffer(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen) {
                    if (obj != null && buffer != null && bufferLen != null) {
                        View view = getBuffer(interp, obj, PyBuf.WRITABLE);
                        if (view != null) {
                            storeResult(view, buffer, bufferLen);
                            releaseBuffer(interp, view);
                            return 0;
                        }
                    }
                    return super.asReadBuffer(interp, obj, buffer, bufferLen);
                }
            })),

    ACCEPTS_STR("accepts-str", Profile.DOCUMENTED, "AsCharBuffer hands out the UTF-8 bytes of a str, as Python 2 did",
            () -> functions(new DocumentedFunctions() {
                @Override
                public int asCharBuffer(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen) {
                    if (obj instanceof PyStr str && buffer != null && bufferLen != null) {
                        byte[] utf8 = str.text().getBytes(StandardCharsets.UTF_8);
                        buffer.set(interp.memory().allocate(utf8, true, "utf-8 of a str").base());
                        bufferLen.set(utf8.length);
                        return 0;
                    }
                    return super.asCharBuffer(interp, obj, buffer, bufferLen);
                }
            })),

    EMPTY_REFUSED("empty-refused", Profile.DOCUMENTED, "the getters treat a zero-length buffer as an error",
            () -> functions(new DocumentedFunctions() {
                @Override
                protected int acquire(Interpreter interp, String function, String interfaceName, PyObject obj,
                                      OutPointer buffer, OutPointer bufferLen, int flags) {
                    int result = super.acquire(interp, function, interfaceName, obj, buffer, bufferLen, flags);
                    if (result == 0 && bufferLen.get() == 0) {
                        return fail(interp, function + "(): empty buffer");
                    }
                    return result;
                }
            })),

    OUT_PARAMS_ON_FAILURE("out-params-on-failure", Profile.CPYTHON, "on failure the getters set *buffer = NULL and *buffer_len = 0",
            () -> functions(new CPythonFunctions() {
                @Override
                protected int asReadBufferImpl(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen) {
                    return clearOnFailure(super.asReadBufferImpl(interp, obj, buffer, bufferLen), buffer, bufferLen);
                }

                @Override
                public int asWriteBuffer(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen) {
                    return clearOnFailure(super.asWriteBuffer(interp, obj, buffer, bufferLen), buffer, bufferLen);
                }

                private int clearOnFailure(int result, OutPointer buffer, OutPointer bufferLen) {
                    if (result != 0 && buffer != null && bufferLen != null) {
                        buffer.set(0);
                        bufferLen.set(0);
                    }
                    return result;
                }
            })),

    PRESET_ERROR_CLEARED("preset-error-cleared", Profile.CPYTHON, "the getters start with PyErr_Clear, dropping the caller's error",
            () -> functions(new CPythonFunctions() {
                @Override
                protected int asReadBufferImpl(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen) {
                    interp.threadState().clear();
                    return super.asReadBufferImpl(interp, obj, buffer, bufferLen);
                }

                @Override
                public int asWriteBuffer(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen) {
                    interp.threadState().clear();
                    return super.asWriteBuffer(interp, obj, buffer, bufferLen);
                }
            })),

    SUBCLASSES_REFUSED("subclasses-refused", Profile.DOCUMENTED,
            "the getters check the exact type (as PyBytes_CheckExact would), so instances of subclasses are refused",
            () -> functions(new DocumentedFunctions() {
                @Override
                protected int acquire(Interpreter interp, String function, String interfaceName, PyObject obj,
                                      OutPointer buffer, OutPointer bufferLen, int flags) {
                    if (obj instanceof PySubclass) {
                        return fail(interp, "'" + obj.typeName() + "' is not exactly bytes, bytearray or array.array");
                    }
                    return super.acquire(interp, function, interfaceName, obj, buffer, bufferLen, flags);
                }
            })),

    MMAP_REFUSED("mmap-refused", Profile.DOCUMENTED,
            "the getters know the builtin buffer types and the C exporter only, and refuse mmap (a whitelist of types)",
            () -> functions(new DocumentedFunctions() {
                @Override
                protected int acquire(Interpreter interp, String function, String interfaceName, PyObject obj,
                                      OutPointer buffer, OutPointer bufferLen, int flags) {
                    if (obj instanceof PyMmap) {
                        return fail(interp, "'mmap.mmap' is not a type this implementation exports");
                    }
                    return super.acquire(interp, function, interfaceName, obj, buffer, bufferLen, flags);
                }
            })),

    PEP688_REFUSED("pep688-refused", Profile.DOCUMENTED,
            "the getters look for a C buffer slot only, so a class that exports through __buffer__ (PEP 688) is refused, "
                    + "as on a runtime that never wires the slot",
            () -> functions(new DocumentedFunctions() {
                @Override
                protected int acquire(Interpreter interp, String function, String interfaceName, PyObject obj,
                                      OutPointer buffer, OutPointer bufferLen, int flags) {
                    if (obj instanceof PyPythonExporter) {
                        return fail(interp, "a bytes-like object is required, not '" + obj.typeName() + "'");
                    }
                    return super.acquire(interp, function, interfaceName, obj, buffer, bufferLen, flags);
                }

                @Override
                public int checkReadBuffer(Interpreter interp, PyObject obj) {
                    return obj instanceof PyPythonExporter ? 0 : super.checkReadBuffer(interp, obj);
                }
            })),

    LENGTH_IN_AN_INT("length-in-an-int", Profile.DOCUMENTED,
            "buffer_len goes through a C int, so the length of a view larger than 2 GiB wraps around",
            () -> functions(new DocumentedFunctions() {
                @Override
                protected void storeResult(View view, OutPointer buffer, OutPointer bufferLen) {
                    buffer.set(view.buf());
                    bufferLen.set((int) view.len());
                }
            })),

    INHERITED_SLOT("inherited-slot", Profile.DOCUMENTED,
            "the getters use the buffer slot of the C base type (bytearray's), so a subclass that overrides __buffer__ "
                    + "is exported as a plain bytearray and its __buffer__ never runs",
            () -> functions(new DocumentedFunctions() {
                @Override
                protected int acquire(Interpreter interp, String function, String interfaceName, PyObject obj,
                                      OutPointer buffer, OutPointer bufferLen, int flags) {
                    PyObject base = obj instanceof PyBufferOverride o ? o.whole() : obj;
                    return super.acquire(interp, function, interfaceName, base, buffer, bufferLen, flags);
                }

                @Override
                public int checkReadBuffer(Interpreter interp, PyObject obj) {
                    return super.checkReadBuffer(interp, obj instanceof PyBufferOverride o ? o.whole() : obj);
                }
            })),

    FORMAT_TABLE_LENGTH("format-table-length", Profile.DOCUMENTED,
            "buffer_len is the item count times a size from a table of the classic struct codes (asked for with "
                    + "PyBUF_FORMAT | PyBUF_ND); a code the table lacks - '?', 'e', 'n', 'N', 'P', 'u', 'w' - counts one byte",
            () -> functions(new DocumentedFunctions() {
                @Override
                protected View getBuffer(Interpreter interp, PyObject obj, int flags) {
                    return super.getBuffer(interp, obj, flags | PyBuf.FORMAT | PyBuf.ND);
                }

                @Override
                protected void storeResult(View view, OutPointer buffer, OutPointer bufferLen) {
                    buffer.set(view.buf());
                    String format = view.format() == null ? "B" : view.format().replaceFirst("^[@=<>!]", "");
                    if (format.length() != 1) {
                        bufferLen.set(view.len());
                        return;
                    }
                    char code = format.charAt(0);
                    int size = "bBchHiIlLqQfd".indexOf(code) >= 0 ? Typecodes.itemSize(code) : 1;
                    bufferLen.set((long) view.len() / view.itemsize() * size);
                }
            })),

    DECREF_FORGOTTEN("decref-forgotten", Profile.DOCUMENTED,
            "the release calls bf_releasebuffer but never drops the reference the view took on view.obj, so every "
                    + "successful call leaks one reference to the object",
            () -> functions(new DocumentedFunctions() {
                @Override
                protected void releaseBuffer(Interpreter interp, View view) {
                    BufferProtocol.release(view);
                }
            })),

    EXCEPTION_KEPT("exception-kept", Profile.DOCUMENTED,
            "a failing call keeps a reference to the TypeError it raises (kept for the next failure, never dropped), so "
                    + "every refusal leaks one object, which no single object's count shows: only the interpreter's total",
            () -> functions(new DocumentedFunctions() {
                @Override
                protected int fail(Interpreter interp, String message) {
                    interp.references().keep();
                    return super.fail(interp, message);
                }
            })),

    OWNERLESS_REFUSED("ownerless-refused", Profile.DOCUMENTED,
            "the getters resolve a memoryview to the object that owns its memory and refuse one that has none, so "
                    + "memoryviews over C memory (PyMemoryView_FromMemory) are refused",
            () -> functions(new DocumentedFunctions() {
                @Override
                protected int acquire(Interpreter interp, String function, String interfaceName, PyObject obj,
                                      OutPointer buffer, OutPointer bufferLen, int flags) {
                    if (obj instanceof PyMemoryView m && m.managedBuffer().ownerless()) {
                        return fail(interp, "memoryview: the memory has no owning object");
                    }
                    return super.acquire(interp, function, interfaceName, obj, buffer, bufferLen, flags);
                }

                @Override
                public int checkReadBuffer(Interpreter interp, PyObject obj) {
                    return obj instanceof PyMemoryView m && m.managedBuffer().ownerless() ? 0 : super.checkReadBuffer(interp, obj);
                }
            })),

    OWNERLESS_WRITABLE("ownerless-writable", Profile.DOCUMENTED,
            "AsWriteBuffer asks for a writable view only when an object owns the memory, so a memoryview over C memory "
                    + "made with PyBUF_READ is written to",
            () -> functions(new DocumentedFunctions() {
                @Override
                protected int acquire(Interpreter interp, String function, String interfaceName, PyObject obj,
                                      OutPointer buffer, OutPointer bufferLen, int flags) {
                    boolean ownerless = obj instanceof PyMemoryView m && m.managedBuffer().ownerless();
                    return super.acquire(interp, function, interfaceName, obj, buffer, bufferLen,
                            ownerless ? flags & ~PyBuf.WRITABLE : flags);
                }
            })),

    TRUSTS_THE_EXPORTER("trusts-the-exporter", Profile.DOCUMENTED,
            "the functions pass on whatever bf_getbuffer hands back, as CPython's do, without checking it is one segment "
                    + "(or writable, for AsWriteBuffer)",
            () -> functions(new DocumentedFunctions() {
                @Override
                protected String unusable(View view, int flags) {
                    return null;
                }
            })),

    C_ORDER_ONLY("c-order-only", Profile.DOCUMENTED,
            "the single-segment check asks for C order (PyBuffer_IsContiguous(view, 'C')), so a Fortran-ordered segment is refused",
            () -> functions(new DocumentedFunctions() {
                @Override
                protected String unusable(View view, int flags) {
                    return Contiguity.isCSegment(view) ? super.unusable(view, flags) : "a view not in C order";
                }
            })),

    RECHECKS_THE_VIEW("rechecks-the-view", Profile.CPYTHON,
            "the functions hold the exporter's view to the request (one segment, writable when asked) where CPython passes it on",
            () -> functions(new CPythonFunctions() {
                @Override
                protected View callGetBufferSlot(Interpreter interp, BufferExporter exporter, int flags) {
                    View view = super.callGetBufferSlot(interp, exporter, flags);
                    if (view != null && (!Contiguity.isSingleSegment(view) || ((flags & PyBuf.WRITABLE) != 0 && view.readonly()))) {
                        BufferProtocol.release(view);
                        interp.threadState().set("BufferError", "the exporter ignored the request");
                        return null;
                    }
                    return view;
                }
            })),

    BYTE_FORMATS_ONLY("byte-formats-only", Profile.DOCUMENTED,
            "the getters refuse a view that names an item format other than bytes, so ctypes objects (which fill in "
                    + "'<i', '<d' or a structure's format for every request) are refused",
            () -> functions(new DocumentedFunctions() {
                @Override
                protected String unusable(View view, int flags) {
                    String format = view.format();
                    return format == null || format.equals("B") || format.equals("<B") ? super.unusable(view, flags)
                            : "a view of items in format '" + format + "'";
                }
            })),

    NULL_REPLACES_EARLIER_ERROR("null-replaces-earlier-error", Profile.CPYTHON,
            "a NULL argument sets SystemError even when an error is already set (null_error without its PyErr_Occurred check)",
            () -> functions(new CPythonFunctions() {
                @Override
                protected void nullError(Interpreter interp) {
                    interp.threadState().set("SystemError", "null argument to internal routine");
                }
            })),

    GET_BUFFER_FORGETS_READONLY("get-buffer-forgets-readonly", Profile.DOCUMENTED,
            "PyObject_GetBuffer hands out every view with readonly = 0, so a read-only object looks writable to migrated code",
            () -> functions(new DocumentedFunctions() {
                @Override
                public Replaced replace(Interpreter interp, PyObject obj, Replacement call) {
                    Replaced r = super.replace(interp, obj, call);
                    return call.isGetBuffer() && r.held() != null ? Replaced.holding(call, r.held().withReadonly(false)) : r;
                }
            })),

    Y_STAR_ANY_ORDER("y-star-any-order", Profile.DOCUMENTED,
            "getargs asks y*, s*, w* and y# views only to be one segment (PyBuffer_IsContiguous(view, 'A')), so a Fortran-ordered view is taken as C order",
            () -> functions(new DocumentedFunctions() {
                @Override
                protected boolean contiguousForArguments(View view) {
                    return Contiguity.isSingleSegment(view);
                }
            })),

    GET_BUFFER_RELEASES_AT_ONCE("get-buffer-releases-at-once", Profile.DOCUMENTED,
            "PyObject_GetBuffer gives the view back before it returns, as the old functions do, and PyBuffer_Release does nothing",
            () -> functions(new DocumentedFunctions() {
                private final Set<View> givenBack = Collections.newSetFromMap(new IdentityHashMap<>());

                @Override
                public Replaced replace(Interpreter interp, PyObject obj, Replacement call) {
                    Replaced r = super.replace(interp, obj, call);
                    if (call.isGetBuffer() && r.held() != null) {
                        releaseBuffer(interp, r.held());
                        givenBack.add(r.held());
                    }
                    return r;
                }

                @Override
                public void release(Interpreter interp, View view) {
                    if (!givenBack.remove(view)) {
                        super.release(interp, view);
                    }
                }
            })),

    Y_HASH_IGNORES_THE_RELEASE_SLOT("y-hash-ignores-the-release-slot", Profile.DOCUMENTED,
            "getargs' y# skips convertbuffer's test for bf_releasebuffer, so it hands out the memory of a bytearray, which may move",
            () -> functions(new DocumentedFunctions() {
                @Override
                protected boolean refusedByYHash(PyObject obj) {
                    return false;
                }
            })),

    CHECK_BUFFER_ASKS_THE_EXPORTER("check-buffer-asks-the-exporter", Profile.DOCUMENTED,
            "PyObject_CheckBuffer answers as CheckReadBuffer does, asking the exporter for a view, so an object that refuses to "
                    + "export is said to have no buffer interface",
            () -> functions(new DocumentedFunctions() {
                @Override
                public int checkBuffer(Interpreter interp, PyObject obj) {
                    return checkReadBuffer(interp, obj);
                }
            })),

    W_STAR_KEEPS_THE_ERROR("w-star-keeps-the-error", Profile.DOCUMENTED,
            "getargs' w* keeps the exporter's error instead of clearing it for a TypeError, so bytes gives a BufferError",
            () -> functions(new DocumentedFunctions() {
                @Override
                protected void discardExporterError(Interpreter interp) {
                }
            })),

    NULL_CRASHES("null-crashes", Profile.CPYTHON, "the getters dereference NULL arguments (the process dies, as PyPy's does)",
            () -> functions(new CPythonFunctions() {
                @Override
                protected int asReadBufferImpl(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen) {
                    crashOnNull(obj, buffer, bufferLen);
                    return super.asReadBufferImpl(interp, obj, buffer, bufferLen);
                }

                @Override
                public int asWriteBuffer(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen) {
                    crashOnNull(obj, buffer, bufferLen);
                    return super.asWriteBuffer(interp, obj, buffer, bufferLen);
                }

                private void crashOnNull(PyObject obj, OutPointer buffer, OutPointer bufferLen) {
                    if (obj == null || buffer == null || bufferLen == null) {
                        throw new RuntimeFailure(RuntimeFailure.Kind.CRASHED, "segmentation fault (NULL dereferenced)");
                    }
                }
            }));

    final String id;
    final Profile profile;
    final String description;
    private final Supplier<OldBufferRuntime> runtime;

    Defect(String id, Profile profile, String description, Supplier<OldBufferRuntime> runtime) {
        this.id = id;
        this.profile = profile;
        this.description = description;
        this.runtime = runtime;
    }

    /** The provider id: {@code broken-<id>}. */
    String providerId() {
        return "broken-" + id;
    }

    OldBufferRuntime open() {
        return runtime.get();
    }

    private static OldBufferRuntime functions(OldBufferFunctions functions) {
        return new ReferenceRuntime(functions);
    }

    /** Runs the documented functions, then swaps every address a getter returned for that of a fresh copy. */
    static final class CopyingRuntime extends ReferenceRuntime {
        CopyingRuntime() {
            super(new DocumentedFunctions());
        }

        @Override
        public CallResult call(Function function, ObjRef object, OutSlots slots) {
            CallResult r = super.call(function, object, slots);
            if (!function.hasOutParameters() || r.returnValue() != 0 || slots.bufferIsNull()) {
                return r;
            }
            if (r.length() > Integer.MAX_VALUE) {   // a large map: a copy of its first page over zeros, as big
                Region copy = interpreter().memory().allocateSparse(r.length(), "copy of " + object);
                copy.store(0, read(r.buffer(), 4096));
                return new CallResult(function, object, slots, 0, copy.base(), r.length(), r.error());
            }
            byte[] snapshot = read(r.buffer(), (int) r.length());
            long copy = interpreter().memory().allocate(snapshot, false, "copy of " + object).base();
            return new CallResult(function, object, slots, 0, copy, r.length(), r.error());
        }
    }
}
