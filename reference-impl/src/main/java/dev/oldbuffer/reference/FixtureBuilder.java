package dev.oldbuffer.reference;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.reference.memory.AddressSpace;
import dev.oldbuffer.reference.objects.ConfigurableExporter;
import dev.oldbuffer.reference.objects.PyArray;
import dev.oldbuffer.reference.objects.PyByteArray;
import dev.oldbuffer.reference.objects.PyBytes;
import dev.oldbuffer.reference.objects.PyException;
import dev.oldbuffer.reference.objects.PyInt;
import dev.oldbuffer.reference.objects.PyMemoryView;
import dev.oldbuffer.reference.objects.PyNone;
import dev.oldbuffer.reference.objects.PyObject;
import dev.oldbuffer.reference.objects.PyStr;
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
        } catch (PyException e) {
            throw new IllegalArgumentException(e.error().message(), e);
        }
    }

    // Java 17 has no pattern switch: an instanceof chain over the sealed recipes.
    protected PyObject make(Fixture f) throws PyException {
        if (f instanceof Fixture.Bytes b) {
            return new PyBytes(memory, b.data());
        } else if (f instanceof Fixture.ByteArray b) {
            return new PyByteArray(memory, b.data());
        } else if (f instanceof Fixture.ArrayOf a) {
            return new PyArray(memory, a.typecode(), a.raw());
        } else if (f instanceof Fixture.Exporter e) {
            return new ConfigurableExporter(memory, e.spec());
        } else if (f instanceof Fixture.Str s) {
            return new PyStr(s.text());
        } else if (f instanceof Fixture.Int i) {
            return new PyInt(i.value());
        } else if (f instanceof Fixture.NoneObject) {
            return PyNone.NONE;
        } else if (f instanceof Fixture.Existing e) {
            return objects.lookup(e.object());
        } else if (f instanceof Fixture.MemoryView m) {
            return PyMemoryView.fromObject(memory, make(m.base()));
        } else if (f instanceof Fixture.Sliced s) {
            return memoryview(make(s.view()), "Sliced", "__getitem__").slice(s.start(), s.stop(), s.step());
        } else if (f instanceof Fixture.Cast c) {
            return memoryview(make(c.view()), "Cast", "cast").cast(c.format(), c.shape().length == 0 ? null : c.shape());
        } else if (f instanceof Fixture.ReadOnly r) {
            return memoryview(make(r.view()), "ReadOnly", "toreadonly").toReadOnly();
        } else if (f instanceof Fixture.Released r) {
            PyMemoryView view = memoryview(make(r.view()), "Released", "release");
            view.release();
            return view;
        }
        throw new UnsupportedOperationException("no builder for " + f.getClass().getSimpleName());
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
