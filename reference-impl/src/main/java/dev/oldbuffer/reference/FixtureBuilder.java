package dev.oldbuffer.reference;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.reference.memory.AddressSpace;
import dev.oldbuffer.reference.objects.BufferExporter;
import dev.oldbuffer.reference.objects.ConfigurableExporter;
import dev.oldbuffer.reference.objects.PyArray;
import dev.oldbuffer.reference.objects.PyByteArray;
import dev.oldbuffer.reference.objects.PyBufferOverride;
import dev.oldbuffer.reference.objects.PyBytes;
import dev.oldbuffer.reference.objects.PyLargeMap;
import dev.oldbuffer.reference.objects.PyCtypes;
import dev.oldbuffer.reference.objects.PyException;
import dev.oldbuffer.reference.objects.PyInt;
import dev.oldbuffer.reference.objects.PyMemoryView;
import dev.oldbuffer.reference.objects.PyMmap;
import dev.oldbuffer.reference.objects.PyPythonExporter;
import dev.oldbuffer.reference.objects.PyNone;
import dev.oldbuffer.reference.objects.PyObject;
import dev.oldbuffer.reference.objects.PyStr;
import dev.oldbuffer.reference.objects.PySubclass;
import dev.oldbuffer.spi.Fixture;
import org.apiguardian.api.API;

/**
 * Turns a {@link Fixture} recipe into objects, the way the Python expression it describes would. A recipe
 * Python refuses throws {@link IllegalArgumentException} whose message is Python's (the exception type is
 * in the cause, a {@link PyException}).
 */
@API(status = INTERNAL, since = "0.1")
public class FixtureBuilder {

    private final AddressSpace memory;
    private final ObjectTable objects;

    public FixtureBuilder(AddressSpace memory, ObjectTable objects) {
        this.memory = memory;
        this.objects = objects;
    }

    public PyObject build(Fixture fixture) {
        try {
            return make(fixture);
        } catch (Raised e) {
            throw new IllegalArgumentException(e.exception.error().message(), e.exception);
        }
    }

    /** The object for a recipe, its parts built first; a Python exception leaves as {@link Raised}. */
    protected PyObject make(Fixture f) {
        return f.accept(new Fixture.Visitor<PyObject>() {
            @Override public PyObject bytes(Fixture.Bytes b) { return new PyBytes(memory, b.data()); }
            @Override public PyObject byteArray(Fixture.ByteArray b) { return new PyByteArray(memory, b.data()); }
            @Override public PyObject arrayOf(Fixture.ArrayOf a) { return python(() -> new PyArray(memory, a.typecode(), a.raw())); }
            @Override public PyObject memoryView(Fixture.MemoryView m) {
                PyObject base = make(m.base());
                return python(() -> PyMemoryView.fromObject(memory, base));
            }
            @Override public PyObject sliced(Fixture.Sliced s) {
                PyMemoryView view = memoryview(make(s.view()), "Sliced", "__getitem__");
                return python(() -> view.slice(s.start(), s.stop(), s.step()));
            }
            @Override public PyObject cast(Fixture.Cast c) {
                PyMemoryView view = memoryview(make(c.view()), "Cast", "cast");
                return python(() -> view.cast(c.format(), c.shape().length == 0 ? null : c.shape()));
            }
            @Override public PyObject readOnly(Fixture.ReadOnly r) {
                PyMemoryView view = memoryview(make(r.view()), "ReadOnly", "toreadonly");
                return python(view::toReadOnly);
            }
            @Override public PyObject released(Fixture.Released r) {
                PyMemoryView view = memoryview(make(r.view()), "Released", "release");
                return python(() -> {
                    view.release();
                    return view;
                });
            }
            @Override public PyObject str(Fixture.Str s) { return new PyStr(s.text()); }
            @Override public PyObject integer(Fixture.Int i) { return new PyInt(i.value()); }
            @Override public PyObject none(Fixture.NoneObject n) { return PyNone.NONE; }
            @Override public PyObject exporter(Fixture.Exporter e) { return new ConfigurableExporter(memory, e.spec()); }
            @Override public PyObject existing(Fixture.Existing e) { return objects.lookup(e.object()); }
            @Override public PyObject mmap(Fixture.Mmap m) {
                PyMmap map = new PyMmap(memory, m.contents(), PyMmap.Access.valueOf(m.access().name()), m.fileBacked());
                if (m.closed()) {
                    python(() -> {
                        map.close();
                        return map;
                    });
                }
                return map;
            }
            @Override public PyObject ctypes(Fixture.Ctypes c) {
                byte[] raw = c.raw();
                Fixture.Ctypes.Type t = c.type();
                return new PyCtypes(memory, c.pythonTypeName(), raw, t.format, t.itemSize, t.isArray() ? new int[] {raw.length / t.itemSize} : new int[0]);
            }
            @Override public PyObject largeMap(Fixture.LargeMap m) { return new PyLargeMap(memory, m.length()); }
            @Override public PyObject bufferOverride(Fixture.BufferOverride b) { return new PyBufferOverride(memory, b.data()); }
            @Override public PyObject cMemory(Fixture.CMemory c) {
                return PyMemoryView.fromMemory(memory, c.data(), c.writable());
            }
            @Override public PyObject pythonExporter(Fixture.PythonExporter p) {
                return new PyPythonExporter(memory, make(p.base()), PyPythonExporter.Mode.valueOf(p.mode().name()));
            }
            @Override public PyObject subclass(Fixture.Subclass s) {
                BufferExporter base = (BufferExporter) make(s.base());
                return new PySubclass(base, subclassName(base));
            }
        });
    }

    /** The driver's names for the subclasses: {@code BytesSubclass}, {@code ByteArraySubclass}, {@code ArraySubclass}. */
    static String subclassName(BufferExporter base) {
        return base instanceof PyBytes ? "BytesSubclass" : base instanceof PyByteArray ? "ByteArraySubclass" : "ArraySubclass";
    }

    /** A step of the object layer, whose checked Python exception travels out of the visitor unchecked. */
    private static PyObject python(PythonStep step) {
        try {
            return step.run();
        } catch (PyException e) {
            throw new Raised(e);
        }
    }

    private interface PythonStep {
        PyObject run() throws PyException;
    }

    /** A Python exception on its way out of {@link #make}. */
    private static final class Raised extends RuntimeException {
        final PyException exception;

        Raised(PyException exception) {
            super(exception.getMessage(), exception, false, false);
            this.exception = exception;
        }
    }

    /** The recipes that operate on a memoryview refuse anything else rather than guess what Python would do. */
    private static PyMemoryView memoryview(PyObject obj, String recipe, String method) {
        if (obj instanceof PyMemoryView view) {
            return view;
        }
        throw new IllegalArgumentException("Fixture." + recipe + " needs a memoryview (memoryview." + method
                + "), got '" + obj.typeName() + "': wrap it in Fixture.MemoryView");
    }
}
