package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * One running implementation of the old buffer API: a Java model, or a real interpreter behind a
 * child process. The kit drives it like C code would: build objects, call a function with out-slots,
 * look at the error indicator and at memory.
 *
 * <p>Methods may throw {@link RuntimeFailure} when the implementation itself crashed or hung; the kit
 * reports that as its own outcome and calls {@link #reset()} (which may restart it) before the next test.
 * An implementation need not be thread-safe: the kit uses it from one thread.
 *
 * <p>An implementation behind a process may answer some operations before it has done them (see
 * {@link DeferredRefusal}); the kit calls {@link #settle()} at the end of every try and test, so that what they did is
 * known before the next begins.
 */
@API(status = STABLE, since = "0.1")
public interface OldBufferRuntime extends AutoCloseable {

    /** Name and version, e.g. {@code CPython 3.12.1}; stamped on every result. Never null. */
    RuntimeInfo info();

    /** The optional features this implementation has. Never null. */
    Set<Feature> features();

    /**
     * Builds an object from a recipe and returns a reference to it (the runtime holds it alive until
     * {@link #reset()}). A handle stands for an object: {@link Fixture.Existing} of a reference returns that
     * same reference.
     *
     * @throws UnsupportedOperationException when the recipe needs a feature not declared
     * @throws IllegalArgumentException      when the recipe itself is invalid (e.g. a cast Python refuses);
     *                                       the message is Python's
     */
    ObjRef create(Fixture fixture);

    /** Calls {@code function} on {@code object} ({@link ObjRef#NULL} passes C NULL) with the given out-slots. */
    CallResult call(Function function, ObjRef object, OutSlots slots);

    /** Several calls in one go; implementations behind a process override this to save round trips. */
    default List<CallResult> callAll(List<Call> calls) {
        List<CallResult> results = new ArrayList<>(calls.size());
        for (Call c : calls) {
            results.add(call(c.function(), c.object(), c.slots()));
        }
        return results;
    }

    /** Sets the error indicator, as {@code PyErr_SetString(type, message)} would ({@link Feature#PRESET_ERROR}). */
    void setError(PyError error);

    /** Returns the error indicator and clears it, as {@code PyErr_Fetch} would. */
    Optional<PyError> fetchError();

    /**
     * Reads {@code length} bytes at {@code address} ({@link Feature#MEMORY_READ}). A zero-length read succeeds
     * at any address (CPython returns addresses outside the object for some empty views).
     *
     * @throws MemoryAccessException when the implementation can tell that the address is not readable
     */
    byte[] read(long address, int length);

    /** Writes bytes at {@code address} ({@link Feature#MEMORY_WRITE}). */
    void write(long address, byte[] data);

    /**
     * The object's current content as Python sees it: {@code bytes(obj)}, or an exporter's logical data.
     *
     * @throws IllegalArgumentException for an object without the buffer interface
     */
    byte[] contents(ObjRef object);

    /**
     * {@link #contents} of each object, in order; an implementation behind a process answers them in one round trip.
     *
     * @throws IllegalArgumentException when {@link #contents} refuses one of them
     */
    default List<byte[]> contentsOf(List<ObjRef> objects) {
        List<byte[]> all = new ArrayList<>(objects.size());
        for (ObjRef o : objects) {
            all.add(contents(o));
        }
        return all;
    }

    /** Stores one byte through the object itself ({@code obj[index] = value}), for writable objects. */
    void setItem(ObjRef object, int index, byte value);

    /**
     * Tries to grow the object by one byte and shrink it back (bytearray, array, a file-backed ACCESS_WRITE mmap): false
     * when the object refuses because it is still exported ({@code BufferError}). {@link Feature#EXPORT_PROBES}.
     */
    boolean tryResize(ObjRef object);

    /**
     * Tries {@code memoryview.release()}, or {@code mmap.close()}: false when refused because the object is still
     * exported.
     */
    boolean tryRelease(ObjRef view);

    /**
     * The bytes of the file behind a file-backed {@link Fixture.Mmap}, read from the file after {@code mmap.flush()}
     * ({@link Feature#MMAP}).
     *
     * @throws IllegalArgumentException for an object that is not a file-backed mmap
     */
    default byte[] fileContents(ObjRef mmap) {
        throw new UnsupportedOperationException(info() + " does not read the files behind mmaps (Feature.MMAP)");
    }

    /**
     * The object's reference count ({@code Py_REFCNT}; {@link Feature#REFCOUNTS}). Only a difference between two readings
     * of the same object means something: what the runtime itself holds on the object is part of every reading.
     */
    default long refCount(ObjRef object) {
        throw new UnsupportedOperationException(info() + " does not read reference counts (Feature.REFCOUNTS)");
    }

    /**
     * Every reference the interpreter holds, on every object ({@link Feature#TOTAL_REFCOUNT}; {@code sys.gettotalrefcount()}
     * on a CPython debug build). As with {@link #refCount}, only a difference between two readings means something.
     */
    default long totalRefCount() {
        throw new UnsupportedOperationException(info() + " does not count every reference (Feature.TOTAL_REFCOUNT)");
    }

    /**
     * Makes one of the calls the page recommends instead of the four functions ({@link Feature#NEW_BUFFER_API}). A view
     * it leaves held ({@link Acquisition#holdsView()}) keeps the object exported until {@link #release} or
     * {@link #reset()}. The error the call sets is fetched and cleared into the result.
     */
    default Acquisition acquire(Replacement call, ObjRef object) {
        throw new UnsupportedOperationException(info() + " does not make the new buffer API's calls (Feature.NEW_BUFFER_API)");
    }

    /** {@code PyBuffer_Release} of a view {@link #acquire} left held; {@link IllegalArgumentException} when none is held. */
    default void release(Acquisition held) {
        throw new UnsupportedOperationException(info() + " does not make the new buffer API's calls (Feature.NEW_BUFFER_API)");
    }

    /** {@code PyObject_CheckBuffer(obj)}: 1 when the object's type has the buffer interface ({@link Feature#NEW_BUFFER_API}). */
    default int checkBuffer(ObjRef object) {
        throw new UnsupportedOperationException(info() + " does not make the new buffer API's calls (Feature.NEW_BUFFER_API)");
    }

    /** The acquire/release counters of an exporter ({@link Fixture.Exporter}). */
    ExportCounts exportCounts(ObjRef exporter);

    /**
     * Waits until every operation asked for has been done. An implementation that answers every operation when it is done
     * (all in-process ones) has nothing to wait for.
     *
     * @throws DeferredRefusal when an operation answered early was refused
     * @throws RuntimeFailure  when the implementation crashed or hung doing one
     */
    default void settle() {
    }

    /** Drops every object and clears the error indicator; restarts a crashed implementation. */
    void reset();

    /** Ends the implementation; idempotent. */
    @Override
    void close();

    /**
     * Asks for a step whose answer the kit reads later, with {@link Pending#get()}: a try asks for its steps, then reads
     * their answers, and a runtime behind a process carries them over together. The steps are done in the order asked,
     * each after every operation asked for before it. This default runs the step at once, so an implementation in this
     * JVM needs nothing more; one that overrides it throws a step's refusal, crash or hang from {@code get()}.
     */
    default <T> Pending<T> later(Step<T> step) {
        return Pending.answered(step.runOn(this));
    }

    /** One call, for {@link #callAll} or {@link #later}. */
    record Call(Function function, ObjRef object, OutSlots slots) implements Step<CallResult> {
        @Override
        public CallResult runOn(OldBufferRuntime runtime) {
            return runtime.call(function, object, slots);
        }
    }
}
