package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Optional abilities of an implementation. A specification that needs a feature the implementation
 * does not declare is reported as not applicable, never as passed.
 */
@API(status = STABLE, since = "0.1")
public enum Feature {
    /** Calls may pass C NULL for the object or for either out-parameter. */
    NULL_ARGUMENTS,
    /** {@link Fixture.Exporter} objects can be created (configurable bf_getbuffer/bf_releasebuffer). */
    CONFIGURABLE_EXPORTER,
    /** {@link OldBufferRuntime#read} works on returned addresses. */
    MEMORY_READ,
    /** {@link OldBufferRuntime#write} works on returned addresses. */
    MEMORY_WRITE,
    /** {@link OldBufferRuntime#setError} can set the error indicator before a call. */
    PRESET_ERROR,
    /** {@link Fixture.Cast} (memoryview.cast to a format and shape) is available. */
    MEMORYVIEW_CAST,
    /** {@link Fixture.ArrayOf} (the array module) is available. */
    ARRAY_MODULE,
    /** {@link OldBufferRuntime#tryResize} and {@link OldBufferRuntime#tryRelease} are available. */
    EXPORT_PROBES,
    /** {@link Fixture.Subclass} (Python subclasses of bytes, bytearray and array.array) can be created. */
    SUBCLASSES,
    /**
     * {@link Fixture.Mmap} (the mmap module) can be created; {@link OldBufferRuntime#tryRelease} closes an mmap,
     * {@link OldBufferRuntime#tryResize} resizes a file-backed ACCESS_WRITE one, {@link OldBufferRuntime#fileContents} reads
     * the file behind one.
     */
    MMAP,
    /**
     * {@link Fixture.PythonExporter} (classes with PEP 688's {@code __buffer__}, Python 3.12+) can be created, and their
     * {@link OldBufferRuntime#exportCounts} read.
     */
    PEP688,
    /** {@link Fixture.Ctypes} (the ctypes module: arrays, a structure, scalars) can be created. */
    CTYPES,
    /** {@link Fixture.CMemory} (memoryviews over C memory, {@code PyMemoryView_FromMemory}) can be created. */
    C_MEMORY,
    /** {@link OldBufferRuntime#refCount} reads an object's reference count. */
    REFCOUNTS,
    /**
     * {@link OldBufferRuntime#totalRefCount} reads the interpreter's count of every reference it holds (a CPython debug
     * build's {@code sys.gettotalrefcount()}).
     */
    TOTAL_REFCOUNT,
    /** {@code array('w')} ({@code Py_UCS4}, Python 3.13+) can be created. */
    ARRAY_UCS4,
    /** {@code memoryview.cast('e')} (half floats, Python 3.12+) is available. */
    HALF_FLOAT_CAST,
    /** {@link Fixture.LargeMap} (anonymous mmaps larger than 2 GiB: a 64-bit address space) can be created. */
    LARGE_MAPS,
    /**
     * The calls the page recommends instead ({@link Replacement}): {@link OldBufferRuntime#acquire},
     * {@link OldBufferRuntime#release} and {@link OldBufferRuntime#checkBuffer}.
     */
    NEW_BUFFER_API,
    /**
     * The formats whose size is the C data model's, {@link Typecodes#LP64_FORMATS} ({@code long}, {@code size_t}, pointers),
     * are 8 bytes, as on every 64-bit build the kit's recipes are written for. A 32-bit build (WebAssembly's wasm32, where
     * they are 4) lacks it: the tries whose recipes use them do not run there.
     */
    LP64_ITEM_SIZES
}
