package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A recipe for a Python object that an implementation builds with {@link OldBufferRuntime#create}.
 * Recipes are plain values, so they can be printed in a report, sent to a child process and shrunk
 * by a property-based test.
 *
 * <p>Code that does something per kind of recipe implements {@link Visitor}: a new kind then does not compile until
 * every such place handles it. What follows from a recipe's kind alone - its parts and the features it needs - is
 * derived here, once.
 */
@API(status = STABLE, since = "0.1")
public sealed interface Fixture {

    /** How the object reads in a message, e.g. {@code memoryview(bytearray(6))[::2]}. */
    String describe();

    /** Calls the visitor's method for this kind of recipe. */
    <R> R accept(Visitor<R> visitor);

    /** The recipes this one is made from (a memoryview's base, a slice's view), outermost first; empty for the others. */
    default List<Fixture> parts() {
        return accept(FixtureFacts.PARTS);
    }

    /**
     * Whether getting a view of the object runs Python code (PEP 688's {@code __buffer__}): then the C API's rule that
     * no error may be set when it is called matters - CPython runs that code with the error still set.
     */
    default boolean exportRunsPython() {
        return accept(FixtureFacts.EXPORT_RUNS_PYTHON);
    }

    /** The optional features an implementation needs to build this recipe, its parts' included. */
    default Set<Feature> features() {
        Set<Feature> needed = EnumSet.noneOf(Feature.class);
        needed.addAll(accept(FixtureFacts.OWN_FEATURES));
        for (Fixture part : parts()) {
            needed.addAll(part.features());
        }
        return needed;
    }

    /** One method per kind of recipe. */
    @API(status = STABLE, since = "0.2")
    interface Visitor<R> {
        R bytes(Bytes f);
        R byteArray(ByteArray f);
        R arrayOf(ArrayOf f);
        R memoryView(MemoryView f);
        R sliced(Sliced f);
        R cast(Cast f);
        R readOnly(ReadOnly f);
        R released(Released f);
        R str(Str f);
        R integer(Int f);
        R none(NoneObject f);
        R exporter(Exporter f);
        R existing(Existing f);
        R subclass(Subclass f);
        R mmap(Mmap f);
        R pythonExporter(PythonExporter f);
        R ctypes(Ctypes f);
        R cMemory(CMemory f);
        R bufferOverride(BufferOverride f);
        R largeMap(LargeMap f);
    }

    /** {@code bytes(data)}: read-only, contiguous. */
    record Bytes(byte[] data) implements Fixture {
        @Override public <R> R accept(Visitor<R> v) { return v.bytes(this); }
        public Bytes { data = data.clone(); }
        @Override public byte[] data() { return data.clone(); }
        @Override public String describe() { return "bytes(" + data.length + ")"; }
        @Override public boolean equals(Object o) { return o instanceof Bytes b && Arrays.equals(data, b.data); }
        @Override public int hashCode() { return Arrays.hashCode(data); }
        @Override public String toString() { return "Bytes[" + hex(data) + "]"; }
    }

    /** {@code bytearray(data)}: writable, contiguous, cannot be resized while exported. */
    record ByteArray(byte[] data) implements Fixture {
        @Override public <R> R accept(Visitor<R> v) { return v.byteArray(this); }
        public ByteArray { data = data.clone(); }
        @Override public byte[] data() { return data.clone(); }
        @Override public String describe() { return "bytearray(" + data.length + ")"; }
        @Override public boolean equals(Object o) { return o instanceof ByteArray b && Arrays.equals(data, b.data); }
        @Override public int hashCode() { return Arrays.hashCode(data); }
        @Override public String toString() { return "ByteArray[" + hex(data) + "]"; }
    }

    /**
     * {@code array.array(typecode)} whose machine representation is {@code raw} (native byte order);
     * {@code raw.length} must be a multiple of the typecode's item size.
     */
    record ArrayOf(char typecode, byte[] raw) implements Fixture {
        @Override public <R> R accept(Visitor<R> v) { return v.arrayOf(this); }
        public ArrayOf {
            int size = Typecodes.itemSize(typecode);
            if (raw.length % size != 0) {
                throw new IllegalArgumentException("array('" + typecode + "') needs a multiple of " + size
                        + " bytes, got " + raw.length);
            }
            raw = raw.clone();
        }
        @Override public byte[] raw() { return raw.clone(); }
        public int items() { return raw.length / Typecodes.itemSize(typecode); }
        @Override public String describe() { return "array('" + typecode + "', " + items() + " items)"; }
        @Override public boolean equals(Object o) {
            return o instanceof ArrayOf a && a.typecode == typecode && Arrays.equals(raw, a.raw);
        }
        @Override public int hashCode() { return 31 * typecode + Arrays.hashCode(raw); }
        @Override public String toString() { return "ArrayOf['" + typecode + "', " + hex(raw) + "]"; }
    }

    /**
     * An instance of a Python subclass, without overrides, of the type of {@code base} (bytes, bytearray or
     * array.array), holding the same data ({@link Feature#SUBCLASSES}).
     */
    record Subclass(Fixture base) implements Fixture {
        @Override public <R> R accept(Visitor<R> v) { return v.subclass(this); }
        public Subclass {
            Objects.requireNonNull(base, "base");
            if (!base.accept(FixtureFacts.SUBCLASSABLE)) {
                throw new IllegalArgumentException("only bytes, bytearray and array.array are subclassed, not " + base.describe());
            }
        }
        @Override public String describe() { return "subclass of " + base.describe(); }
    }

    /** {@code memoryview(base)}; the base must export a buffer. */
    record MemoryView(Fixture base) implements Fixture {
        @Override public <R> R accept(Visitor<R> v) { return v.memoryView(this); }
        public MemoryView { Objects.requireNonNull(base, "base"); }
        @Override public String describe() { return "memoryview(" + base.describe() + ")"; }
    }

    /** {@code view[start:stop:step]} on a memoryview fixture; a null bound means "omitted". */
    record Sliced(Fixture view, Integer start, Integer stop, int step) implements Fixture {
        @Override public <R> R accept(Visitor<R> v) { return v.sliced(this); }
        public Sliced {
            Objects.requireNonNull(view, "view");
            if (step == 0) {
                throw new IllegalArgumentException("slice step cannot be zero");
            }
        }
        @Override public String describe() {
            return view.describe() + "[" + (start == null ? "" : start) + ":" + (stop == null ? "" : stop)
                    + (step == 1 ? "" : ":" + step) + "]";
        }
    }

    /** {@code view.cast(format, shape)} on a memoryview fixture; {@code shape} may be empty for 1-D. */
    record Cast(Fixture view, String format, int[] shape) implements Fixture {
        @Override public <R> R accept(Visitor<R> v) { return v.cast(this); }
        public Cast {
            Objects.requireNonNull(view, "view");
            Typecodes.itemSize(format.charAt(0));
            shape = shape.clone();
        }
        @Override public int[] shape() { return shape.clone(); }
        @Override public String describe() {
            return view.describe() + ".cast('" + format + "'" + (shape.length == 0 ? "" : ", " + Arrays.toString(shape)) + ")";
        }
        @Override public boolean equals(Object o) {
            return o instanceof Cast c && c.view.equals(view) && c.format.equals(format) && Arrays.equals(c.shape, shape);
        }
        @Override public int hashCode() { return Objects.hash(view, format, Arrays.hashCode(shape)); }
    }

    /** {@code view.toreadonly()} on a memoryview fixture. */
    record ReadOnly(Fixture view) implements Fixture {
        @Override public <R> R accept(Visitor<R> v) { return v.readOnly(this); }
        public ReadOnly { Objects.requireNonNull(view, "view"); }
        @Override public String describe() { return view.describe() + ".toreadonly()"; }
    }

    /** A memoryview fixture after {@code view.release()}: it no longer exports anything. */
    record Released(Fixture view) implements Fixture {
        @Override public <R> R accept(Visitor<R> v) { return v.released(this); }
        public Released { Objects.requireNonNull(view, "view"); }
        @Override public String describe() { return view.describe() + " (released)"; }
    }

    /** {@code str(text)}: no buffer interface. */
    record Str(String text) implements Fixture {
        @Override public <R> R accept(Visitor<R> v) { return v.str(this); }
        public Str { Objects.requireNonNull(text, "text"); }
        @Override public String describe() { return "str(" + text.length() + ")"; }
    }

    /** {@code int(value)}: no buffer interface. */
    record Int(long value) implements Fixture {
        @Override public <R> R accept(Visitor<R> v) { return v.integer(this); }
        @Override public String describe() { return "int(" + value + ")"; }
    }

    /** {@code None}: no buffer interface. */
    record NoneObject() implements Fixture {
        @Override public <R> R accept(Visitor<R> v) { return v.none(this); }
        @Override public String describe() { return "None"; }
    }

    /**
     * {@code mmap.mmap} of {@code length} bytes that begin with {@code data} (zeros after it), anonymous ({@code -1}) or of
     * a temporary file holding those bytes, with the given access; {@code closed} after {@code close()}
     * ({@link Feature#MMAP}). An anonymous ACCESS_READ map holds zeros only: it cannot be written to be filled.
     */
    record Mmap(byte[] data, int length, Access access, boolean fileBacked, boolean closed) implements Fixture {
        /** The {@code access} argument. */
        public enum Access {
            /** ACCESS_WRITE (for an anonymous map the same as the default): writes reach the file. */
            WRITE,
            /** ACCESS_READ: a read-only buffer. */
            READ,
            /** ACCESS_COPY: writable, and writes stay in memory, never reaching the file. */
            COPY
        }

        @Override public <R> R accept(Visitor<R> v) { return v.mmap(this); }
        public Mmap {
            data = data.clone();
            Objects.requireNonNull(access, "access");
            if (length < 1 || data.length > length) {
                throw new IllegalArgumentException("an mmap needs a length of at least 1 and its data within it, got "
                        + data.length + " bytes for " + length);
            }
            if (!fileBacked && access == Access.READ && !Arrays.equals(data, new byte[data.length])) {
                throw new IllegalArgumentException("an anonymous ACCESS_READ mmap holds only zeros");
            }
        }
        @Override public byte[] data() { return data.clone(); }
        /** The mapping's bytes: the data, then zeros up to the length. */
        public byte[] contents() { return Arrays.copyOf(data, length); }
        @Override public String describe() {
            return "mmap(" + (fileBacked ? "file" : "-1") + ", " + length + ", ACCESS_" + access + ")" + (closed ? " (closed)" : "");
        }
        @Override public boolean equals(Object o) {
            return o instanceof Mmap m && Arrays.equals(data, m.data) && length == m.length && access == m.access
                    && fileBacked == m.fileBacked && closed == m.closed;
        }
        @Override public int hashCode() { return Objects.hash(Arrays.hashCode(data), length, access, fileBacked, closed); }
        @Override public String toString() {
            return "Mmap[" + hex(data) + ", " + length + ", " + access + (fileBacked ? ", file" : "") + (closed ? ", closed" : "") + "]";
        }
    }

    /**
     * {@code mmap.mmap(-1, length)}: an anonymous, writable map of {@code length} zero bytes, any size - more than
     * 2 GiB checks that lengths are full {@code Py_ssize_t}s ({@link Feature#LARGE_MAPS}). Memory is committed only
     * where touched, so the kit never reads it whole: no content, only stores and reads at chosen offsets.
     */
    record LargeMap(long length) implements Fixture {
        /** Just over 2 GiB: a length that a 32-bit int cannot hold. */
        public static final long OVER_2_GIB = (1L << 31) + 16;

        @Override public <R> R accept(Visitor<R> v) { return v.largeMap(this); }
        public LargeMap {
            if (length < 1) {
                throw new IllegalArgumentException("an mmap needs at least one byte, not " + length);
            }
        }
        @Override public String describe() { return "mmap(-1, " + length + ")"; }
    }

    /**
     * An instance of a bytearray subclass holding {@code data} that overrides {@code __buffer__} (PEP 688, Python 3.12+,
     * {@link Feature#PEP688}): it exports its bytes from the second on ({@code bytearray.__buffer__(self, flags)[1:]}), and
     * its {@code __release_buffer__} releases that view. Its content, as the kit reads and stores it, is what it
     * exports; its acquires and releases are counted as a {@link PythonExporter}'s are.
     */
    record BufferOverride(byte[] data) implements Fixture {
        @Override public <R> R accept(Visitor<R> v) { return v.bufferOverride(this); }
        public BufferOverride { data = data.clone(); }
        @Override public byte[] data() { return data.clone(); }
        /** What it exports: the bytes from the second on. */
        public byte[] exported() { return data.length == 0 ? data.clone() : Arrays.copyOfRange(data, 1, data.length); }
        @Override public String describe() { return "bytearray subclass exporting [1:] through __buffer__ (" + data.length + " bytes)"; }
        @Override public boolean equals(Object o) { return o instanceof BufferOverride b && Arrays.equals(data, b.data); }
        @Override public int hashCode() { return Arrays.hashCode(data); }
        @Override public String toString() { return "BufferOverride[" + hex(data) + "]"; }
    }

    /**
     * A memoryview over C memory that no Python object owns, holding {@code data}: {@code PyMemoryView_FromMemory} with
     * {@code PyBUF_WRITE} when {@code writable}, {@code PyBUF_READ} otherwise ({@link Feature#C_MEMORY}). Its view's
     * {@code obj} is NULL; the memoryview is the only exporter the functions meet.
     */
    record CMemory(byte[] data, boolean writable) implements Fixture {
        @Override public <R> R accept(Visitor<R> v) { return v.cMemory(this); }
        public CMemory { data = data.clone(); }
        @Override public byte[] data() { return data.clone(); }
        @Override public String describe() {
            return "PyMemoryView_FromMemory(" + data.length + " bytes, " + (writable ? "PyBUF_WRITE" : "PyBUF_READ") + ")";
        }
        @Override public boolean equals(Object o) { return o instanceof CMemory c && writable == c.writable && Arrays.equals(data, c.data); }
        @Override public int hashCode() { return 31 * Boolean.hashCode(writable) + Arrays.hashCode(data); }
        @Override public String toString() { return "CMemory[" + hex(data) + (writable ? ", writable" : ", read-only") + "]"; }
    }

    /**
     * A ctypes object of {@code type} whose memory holds {@code raw} ({@link Feature#CTYPES}). ctypes exports its own
     * memory to every request, always writable, with its type's format and shape and no strides
     * ({@code PyCData_NewGetBuffer}, Modules/_ctypes/_ctypes.c).
     */
    record Ctypes(Type type, byte[] raw) implements Fixture {
        /** The ctypes type; each fixes the format, item size and shape of its view. */
        public enum Type {
            /** {@code (c_uint8 * n)}: format {@code <B}, shape {@code {n}}; any length. */
            UINT8_ARRAY("<B", 1),
            /** {@code (c_int16 * n)}: format {@code <h}, item size 2; an even length. */
            INT16_ARRAY("<h", 2),
            /** A {@code Structure} of {@code c_uint32} and {@code c_uint16}: 8 bytes with its padding, 0-d. */
            STRUCTURE("T{<I:a:<H:b:}", 8),
            /** {@code c_int32}: 4 bytes, 0-d. */
            INT32("<i", 4),
            /** {@code c_double}: 8 bytes, 0-d. */
            DOUBLE("<d", 8);

            /** The format ctypes gives its view on a little-endian machine. */
            public final String format;
            /** Bytes per item: the whole object for a structure or a scalar. */
            public final int itemSize;

            Type(String format, int itemSize) {
                this.format = format;
                this.itemSize = itemSize;
            }

            /** Arrays have one dimension; structures and scalars none. */
            public boolean isArray() {
                return this == UINT8_ARRAY || this == INT16_ARRAY;
            }
        }

        @Override public <R> R accept(Visitor<R> v) { return v.ctypes(this); }
        public Ctypes {
            Objects.requireNonNull(type, "type");
            raw = raw.clone();
            boolean fits = type.isArray() ? raw.length >= 1 && raw.length % type.itemSize == 0 : raw.length == type.itemSize;
            if (!fits) {
                throw new IllegalArgumentException("a ctypes " + type + " cannot hold " + raw.length + " bytes");
            }
        }
        @Override public byte[] raw() { return raw.clone(); }
        /** The name of the object's Python type, as ctypes names its array types; the structure is {@code Pair}. */
        public String pythonTypeName() {
            return switch (type) {
                case UINT8_ARRAY -> "c_ubyte_Array_" + raw.length;
                case INT16_ARRAY -> "c_short_Array_" + raw.length / 2;
                case STRUCTURE -> "Pair";
                case INT32 -> "c_int";
                case DOUBLE -> "c_double";
            };
        }
        @Override public String describe() {
            return switch (type) {
                case UINT8_ARRAY -> "(c_uint8 * " + raw.length + ")";
                case INT16_ARRAY -> "(c_int16 * " + raw.length / 2 + ")";
                case STRUCTURE -> "Structure(c_uint32, c_uint16)";
                case INT32 -> "c_int32";
                case DOUBLE -> "c_double";
            };
        }
        @Override public boolean equals(Object o) { return o instanceof Ctypes c && type == c.type && Arrays.equals(raw, c.raw); }
        @Override public int hashCode() { return Objects.hash(type, Arrays.hashCode(raw)); }
        @Override public String toString() { return "Ctypes[" + type + ", " + hex(raw) + "]"; }
    }

    /**
     * An instance of a Python class that exports through PEP 688's {@code __buffer__} and {@code __release_buffer__}
     * (Python 3.12+, {@link Feature#PEP688}), over {@code base} - bytes, bytearray or a memoryview (a strided one, say) -
     * behaving as {@code mode} says. It counts acquires (views it handed out that were used) and releases, as the
     * configurable exporter does ({@link OldBufferRuntime#exportCounts}).
     */
    record PythonExporter(Fixture base, Mode mode) implements Fixture {
        /** How the class behaves. */
        public enum Mode {
            /** {@code __buffer__} returns {@code memoryview(base)}; {@code __release_buffer__} counts. */
            WELL_BEHAVED,
            /** {@code __buffer__} returns a memoryview of a fresh copy ({@code bytes(base)}) at every request. */
            COPY,
            /** {@code __buffer__} raises ValueError. */
            RAISES,
            /** {@code __buffer__} returns bytes, not a memoryview. */
            WRONG_TYPE,
            /** {@code __buffer__} raises BufferError while a view it handed out is still held. */
            ONCE,
            /** {@code __release_buffer__} raises RuntimeError after counting. */
            RELEASE_RAISES,
            /** {@code __release_buffer__} releases the view and then clears the bytearray {@code base}. */
            RELEASE_CLEARS;

            /**
             * True when the memory the call answers with is freed by the release inside the call - a copy nobody else
             * holds, a cleared bytearray - so the address dangles once the call returns (the page's lifetime warning).
             */
            public boolean memoryDiesWithTheRelease() {
                return this == COPY || this == RELEASE_CLEARS;
            }
        }

        @Override public <R> R accept(Visitor<R> v) { return v.pythonExporter(this); }
        public PythonExporter {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(mode, "mode");
            if (mode == Mode.RELEASE_CLEARS && !(base instanceof ByteArray)) {
                throw new IllegalArgumentException("a __release_buffer__ that clears its object needs a bytearray, not " + base.describe());
            }
        }
        @Override public String describe() { return "pep688(" + base.describe() + ", " + mode.name().toLowerCase() + ")"; }
    }

    /** An instance of the configurable exporter type, see {@link ExporterSpec}. */
    record Exporter(ExporterSpec spec) implements Fixture {
        @Override public <R> R accept(Visitor<R> v) { return v.exporter(this); }
        public Exporter { Objects.requireNonNull(spec, "spec"); }
        @Override public String describe() { return spec.describe(); }
    }

    /**
     * An object already created in the same runtime, so that recipes can build on it: {@code memoryview(x)}
     * with {@code x} an {@code Existing} wraps that very object (e.g. to compare a slice's address with its
     * base's).
     */
    record Existing(ObjRef object) implements Fixture {
        @Override public <R> R accept(Visitor<R> v) { return v.existing(this); }
        public Existing { Objects.requireNonNull(object, "object"); }
        @Override public String describe() { return object.kind(); }
    }

    static Fixture bytes(byte... data) { return new Bytes(data); }
    static Fixture bytearray(byte... data) { return new ByteArray(data); }
    static Fixture memoryview(Fixture base) { return new MemoryView(base); }
    static Fixture str(String text) { return new Str(text); }
    static Fixture integer(long value) { return new Int(value); }
    static Fixture none() { return new NoneObject(); }
    static Fixture exporter(ExporterSpec spec) { return new Exporter(spec); }

    private static String hex(byte[] data) {
        return data.length <= 16 ? HexFormat.of().formatHex(data) : HexFormat.of().formatHex(data, 0, 16) + "...(" + data.length + ")";
    }
}
