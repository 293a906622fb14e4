package dev.oldbuffer.reference;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.oldbuffer.reference.capi.CPythonFunctions;
import dev.oldbuffer.reference.capi.DocumentedFunctions;
import dev.oldbuffer.reference.capi.Interpreter;
import dev.oldbuffer.reference.capi.OldBufferFunctions;
import dev.oldbuffer.reference.capi.OutPointer;
import dev.oldbuffer.reference.objects.BufferExporter;
import dev.oldbuffer.reference.objects.ConfigurableExporter;
import dev.oldbuffer.reference.objects.PyBufferOverride;
import dev.oldbuffer.reference.objects.PyException;
import dev.oldbuffer.reference.objects.PyMemoryView;
import dev.oldbuffer.reference.objects.PyLargeMap;
import dev.oldbuffer.reference.objects.PyMmap;
import dev.oldbuffer.reference.objects.PyPythonExporter;
import dev.oldbuffer.reference.objects.PyObject;
import dev.oldbuffer.reference.objects.PySubclass;
import dev.oldbuffer.reference.objects.ResizableBuffer;
import dev.oldbuffer.reference.objects.Contiguity;
import dev.oldbuffer.reference.objects.View;
import dev.oldbuffer.spi.Acquisition;
import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.ExportCounts;
import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.spi.OldBufferRuntime;
import dev.oldbuffer.spi.OutSlots;
import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.spi.PyError;
import dev.oldbuffer.spi.Replacement;
import dev.oldbuffer.spi.RuntimeInfo;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The Java model behind the SPI: an object table, one interpreter (error indicator and memory) and a
 * function layer passed in, so that a variant of the four functions runs on the very same objects.
 * Subclasses may override any method; {@link #build}, {@link #object} and {@link #interpreter} are the hooks.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class ReferenceRuntime implements OldBufferRuntime {

    /** The name stamped on results. */
    public static final String NAME = "reference";
    /** The kit version this model belongs to. */
    public static final String VERSION = "0.1.0";

    private final OldBufferFunctions functions;
    private final Interpreter interpreter = Interpreter.fresh();
    private final ObjectTable objects = new ObjectTable();
    private final FixtureBuilder builder = new FixtureBuilder(interpreter.memory(), objects);
    /** The views replacement calls handed out and the caller still holds, by handle. */
    private final Map<Long, View> heldViews = new HashMap<>();
    private long nextView = 1;
    private boolean closed;

    public ReferenceRuntime(OldBufferFunctions functions) {
        this.functions = functions;
    }

    /** A runtime that behaves as the profile says: the page's promise, or CPython's code. */
    public static ReferenceRuntime of(Profile profile) {
        return new ReferenceRuntime(functionsOf(profile));
    }

    /** The four functions as the profile has them. */
    public static OldBufferFunctions functionsOf(Profile profile) {
        return switch (profile) {
            case DOCUMENTED -> new DocumentedFunctions();
            case CPYTHON -> new CPythonFunctions();
        };
    }

    @Override
    public RuntimeInfo info() {
        return new RuntimeInfo(NAME, VERSION, Map.of("flavour", functions.flavour()));
    }

    @Override
    public Set<Feature> features() {
        return EnumSet.allOf(Feature.class);
    }

    @Override
    public ObjRef create(Fixture fixture) {
        checkOpen();
        return objects.register(build(fixture), fixture.describe());
    }

    @Override
    public CallResult call(Function function, ObjRef object, OutSlots slots) {
        checkOpen();
        PyObject obj = object.isNull() ? null : object(object);
        if (function == Function.CHECK_READ_BUFFER) {
            int result = functions.checkReadBuffer(interpreter, obj);
            return new CallResult(function, object, slots, result, slots.bufferInitial(), slots.lengthInitial(), threadError());
        }
        OutPointer buffer = slots.bufferIsNull() ? null : new OutPointer(slots.bufferInitial());
        OutPointer length = slots.lengthIsNull() ? null : new OutPointer(slots.lengthInitial());
        int result = switch (function) {
            case AS_CHAR_BUFFER -> functions.asCharBuffer(interpreter, obj, buffer, length);
            case AS_READ_BUFFER -> functions.asReadBuffer(interpreter, obj, buffer, length);
            case AS_WRITE_BUFFER -> functions.asWriteBuffer(interpreter, obj, buffer, length);
            case CHECK_READ_BUFFER -> throw new AssertionError("handled above");
        };
        return new CallResult(function, object, slots, result,
                buffer == null ? slots.bufferInitial() : buffer.get(),
                length == null ? slots.lengthInitial() : length.get(), threadError());
    }

    @Override
    public Acquisition acquire(Replacement call, ObjRef object) {
        checkOpen();
        OldBufferFunctions.Replaced r = functions.replace(interpreter, object(object), call);
        Optional<PyError> error = interpreter.threadState().fetch();
        if (!call.accepted(r.returnValue())) {
            return Acquisition.refused(call, object, r.returnValue(), error);
        }
        View v = r.held();
        if (v == null) {   // y#: a pointer and a length, the view already given back
            return new Acquisition(call, object, r.returnValue(), r.buf(), r.len(), true, 1, 1, true, true, error, 0);
        }
        long handle = nextView++;
        heldViews.put(handle, v);
        return new Acquisition(call, object, r.returnValue(), r.buf(), r.len(), v.readonly(), v.itemsize(), v.ndim(),
                Contiguity.isCSegment(v), Contiguity.isSingleSegment(v), error, handle);
    }

    @Override
    public void release(Acquisition held) {
        checkOpen();
        View v = heldViews.remove(held.view());
        if (v == null) {
            throw new IllegalArgumentException("no view held for " + held + " (released already, or from before a reset)");
        }
        functions.release(interpreter, v);
    }

    @Override
    public int checkBuffer(ObjRef object) {
        checkOpen();
        return functions.checkBuffer(interpreter, object(object));
    }

    @Override
    public void setError(PyError error) {
        interpreter.threadState().set(error);
    }

    @Override
    public Optional<PyError> fetchError() {
        return interpreter.threadState().fetch();
    }

    @Override
    public byte[] read(long address, int length) {
        return interpreter.memory().read(address, length);
    }

    @Override
    public void write(long address, byte[] data) {
        interpreter.memory().write(address, data);
    }

    @Override
    public byte[] contents(ObjRef object) {
        try {
            return object(object).toBytes();
        } catch (PyException e) {
            throw refused(object, e);
        }
    }

    @Override
    public void setItem(ObjRef object, int index, byte value) {
        try {
            object(object).setByte(index, value);
        } catch (PyException e) {
            throw refused(object, e);
        }
    }

    @Override
    public boolean tryResize(ObjRef object) {
        PyObject obj = object(object) instanceof PySubclass s ? s.base()
                : object(object) instanceof PyBufferOverride o ? o.whole() : object(object);
        if (obj instanceof PyMmap map) {
            try {
                return map.tryGrowAndShrink();
            } catch (PyException e) {
                throw refused(object, e);
            }
        }
        if (obj instanceof ResizableBuffer resizable) {
            return resizable.tryGrowAndShrink();
        }
        throw new IllegalArgumentException(object + ": '" + object(object).typeName()
                + "' cannot be resized (only bytearray and array.array can)");
    }

    /** {@code memoryview.release()} or {@code mmap.close()}: false when refused (it is still exported, or over-released). */
    @Override
    public boolean tryRelease(ObjRef view) {
        if (object(view) instanceof PyLargeMap map) {
            try {
                map.close();
                return true;
            } catch (PyException refused) {
                return false;
            }
        }
        if (object(view) instanceof PyMmap map) {
            try {
                map.close();
                return true;
            } catch (PyException refused) {
                return false;
            }
        }
        if (object(view) instanceof PyMemoryView memoryview) {
            try {
                memoryview.release();
                return true;
            } catch (PyException refused) {
                return false;
            }
        }
        throw new IllegalArgumentException(view + ": '" + object(view).typeName() + "' has no release() (not a memoryview)");
    }

    @Override
    public byte[] fileContents(ObjRef mmap) {
        if (object(mmap) instanceof PyMmap map) {
            try {
                return map.fileContents();
            } catch (PyException e) {
                throw refused(mmap, e);
            }
        }
        throw new IllegalArgumentException(mmap + ": '" + object(mmap).typeName() + "' is not an mmap");
    }

    @Override
    public ExportCounts exportCounts(ObjRef exporter) {
        if (object(exporter) instanceof ConfigurableExporter counting) {
            return counting.counts();
        }
        if (object(exporter) instanceof PyPythonExporter python) {
            return python.counts();
        }
        if (object(exporter) instanceof PyBufferOverride python) {
            return python.counts();
        }
        throw new IllegalArgumentException(exporter + ": '" + object(exporter).typeName()
                + "' keeps no export counts (only Fixture.Exporter objects do)");
    }

    @Override
    public void reset() {
        heldViews.clear();   // their objects go too: nothing is left to give them back to
        objects.clear();
        interpreter.memory().freeAll();
        interpreter.threadState().clear();
        interpreter.references().clear();
    }

    /**
     * One reference for the object table, plus those the views acquired through the four functions hold on the
     * object's exporter: what changes when a call leaves a reference behind.
     */
    @Override
    public long refCount(ObjRef object) {
        BufferExporter exporter = object(object).bufferProcs();
        return 1 + interpreter.references().heldByViews(exporter);
    }

    /** One reference per object in the table, plus every reference the calls hold ({@link References#total()}). */
    @Override
    public long totalRefCount() {
        return objects.size() + interpreter.references().total();
    }

    @Override
    public void close() {
        if (!closed) {
            reset();
            closed = true;
        }
    }

    /** Builds the object for a recipe; override to substitute objects (e.g. an exporter that misbehaves). */
    protected PyObject build(Fixture fixture) {
        return builder.build(fixture);
    }

    /** The object behind a non-NULL reference. */
    protected PyObject object(ObjRef ref) {
        return objects.lookup(ref);
    }

    protected Interpreter interpreter() {
        return interpreter;
    }

    protected OldBufferFunctions functions() {
        return functions;
    }

    private Optional<PyError> threadError() {
        return interpreter.threadState().peek();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this reference runtime was closed");
        }
    }

    private static IllegalArgumentException refused(ObjRef object, PyException e) {
        return new IllegalArgumentException(object + ": " + e.getMessage(), e);
    }
}
