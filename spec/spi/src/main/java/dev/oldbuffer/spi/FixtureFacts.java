package dev.oldbuffer.spi;

import java.util.List;
import java.util.Set;

/** What follows from the kind of a recipe alone, one visitor per fact (see {@link Fixture#parts()}, {@link Fixture#features()}). */
final class FixtureFacts {

    private FixtureFacts() {
    }

    /** The recipes a recipe is made from. */
    static final Fixture.Visitor<List<Fixture>> PARTS = new Fixture.Visitor<>() {
        @Override public List<Fixture> bytes(Fixture.Bytes f) { return List.of(); }
        @Override public List<Fixture> byteArray(Fixture.ByteArray f) { return List.of(); }
        @Override public List<Fixture> arrayOf(Fixture.ArrayOf f) { return List.of(); }
        @Override public List<Fixture> memoryView(Fixture.MemoryView f) { return List.of(f.base()); }
        @Override public List<Fixture> sliced(Fixture.Sliced f) { return List.of(f.view()); }
        @Override public List<Fixture> cast(Fixture.Cast f) { return List.of(f.view()); }
        @Override public List<Fixture> readOnly(Fixture.ReadOnly f) { return List.of(f.view()); }
        @Override public List<Fixture> released(Fixture.Released f) { return List.of(f.view()); }
        @Override public List<Fixture> str(Fixture.Str f) { return List.of(); }
        @Override public List<Fixture> integer(Fixture.Int f) { return List.of(); }
        @Override public List<Fixture> none(Fixture.NoneObject f) { return List.of(); }
        @Override public List<Fixture> exporter(Fixture.Exporter f) { return List.of(); }
        /** Already built: building on it needs nothing more. */
        @Override public List<Fixture> existing(Fixture.Existing f) { return List.of(); }
        @Override public List<Fixture> subclass(Fixture.Subclass f) { return List.of(f.base()); }
        @Override public List<Fixture> mmap(Fixture.Mmap f) { return List.of(); }
        @Override public List<Fixture> pythonExporter(Fixture.PythonExporter f) { return List.of(f.base()); }
        @Override public List<Fixture> ctypes(Fixture.Ctypes f) { return List.of(); }
        @Override public List<Fixture> cMemory(Fixture.CMemory f) { return List.of(); }
        @Override public List<Fixture> bufferOverride(Fixture.BufferOverride f) { return List.of(); }
        @Override public List<Fixture> largeMap(Fixture.LargeMap f) { return List.of(); }
    };

    /** {@code kind}, and {@link Feature#LP64_ITEM_SIZES} where {@code code}'s size is the data model's. */
    private static Set<Feature> sized(char code, Feature kind) {
        return Typecodes.LP64_FORMATS.indexOf(code) >= 0 ? Set.of(kind, Feature.LP64_ITEM_SIZES) : Set.of(kind);
    }

    /** The features a kind needs by itself, before its parts'. */
    static final Fixture.Visitor<Set<Feature>> OWN_FEATURES = new Fixture.Visitor<>() {
        @Override public Set<Feature> bytes(Fixture.Bytes f) { return Set.of(); }
        @Override public Set<Feature> byteArray(Fixture.ByteArray f) { return Set.of(); }
        @Override public Set<Feature> arrayOf(Fixture.ArrayOf f) {
            return f.typecode() == Typecodes.UCS4_TYPECODE ? Set.of(Feature.ARRAY_MODULE, Feature.ARRAY_UCS4)
                    : sized(f.typecode(), Feature.ARRAY_MODULE);
        }
        @Override public Set<Feature> memoryView(Fixture.MemoryView f) { return Set.of(); }
        @Override public Set<Feature> sliced(Fixture.Sliced f) { return Set.of(); }
        @Override public Set<Feature> cast(Fixture.Cast f) {
            return f.format().charAt(0) == Typecodes.HALF_FLOAT_FORMAT ? Set.of(Feature.MEMORYVIEW_CAST, Feature.HALF_FLOAT_CAST)
                    : sized(f.format().charAt(0), Feature.MEMORYVIEW_CAST);
        }
        @Override public Set<Feature> readOnly(Fixture.ReadOnly f) { return Set.of(); }
        @Override public Set<Feature> released(Fixture.Released f) { return Set.of(); }
        @Override public Set<Feature> str(Fixture.Str f) { return Set.of(); }
        @Override public Set<Feature> integer(Fixture.Int f) { return Set.of(); }
        @Override public Set<Feature> none(Fixture.NoneObject f) { return Set.of(); }
        @Override public Set<Feature> exporter(Fixture.Exporter f) { return Set.of(Feature.CONFIGURABLE_EXPORTER); }
        @Override public Set<Feature> existing(Fixture.Existing f) { return Set.of(); }
        @Override public Set<Feature> subclass(Fixture.Subclass f) { return Set.of(Feature.SUBCLASSES); }
        @Override public Set<Feature> mmap(Fixture.Mmap f) { return Set.of(Feature.MMAP); }
        @Override public Set<Feature> pythonExporter(Fixture.PythonExporter f) { return Set.of(Feature.PEP688); }
        @Override public Set<Feature> ctypes(Fixture.Ctypes f) { return Set.of(Feature.CTYPES); }
        @Override public Set<Feature> cMemory(Fixture.CMemory f) { return Set.of(Feature.C_MEMORY); }
        @Override public Set<Feature> bufferOverride(Fixture.BufferOverride f) { return Set.of(Feature.PEP688); }
        @Override public Set<Feature> largeMap(Fixture.LargeMap f) { return Set.of(Feature.MMAP, Feature.LARGE_MAPS); }
    };

    /** The kinds {@link Fixture.Subclass} may derive from: bytes, bytearray, array.array. */
    static final Fixture.Visitor<Boolean> SUBCLASSABLE = new Fixture.Visitor<>() {
        @Override public Boolean bytes(Fixture.Bytes f) { return true; }
        @Override public Boolean byteArray(Fixture.ByteArray f) { return true; }
        @Override public Boolean arrayOf(Fixture.ArrayOf f) { return true; }
        @Override public Boolean memoryView(Fixture.MemoryView f) { return false; }
        @Override public Boolean sliced(Fixture.Sliced f) { return false; }
        @Override public Boolean cast(Fixture.Cast f) { return false; }
        @Override public Boolean readOnly(Fixture.ReadOnly f) { return false; }
        @Override public Boolean released(Fixture.Released f) { return false; }
        @Override public Boolean str(Fixture.Str f) { return false; }
        @Override public Boolean integer(Fixture.Int f) { return false; }
        @Override public Boolean none(Fixture.NoneObject f) { return false; }
        @Override public Boolean exporter(Fixture.Exporter f) { return false; }
        @Override public Boolean existing(Fixture.Existing f) { return false; }
        @Override public Boolean subclass(Fixture.Subclass f) { return false; }
        @Override public Boolean mmap(Fixture.Mmap f) { return false; }
        @Override public Boolean pythonExporter(Fixture.PythonExporter f) { return false; }
        @Override public Boolean ctypes(Fixture.Ctypes f) { return false; }
        @Override public Boolean bufferOverride(Fixture.BufferOverride f) { return false; }
        @Override public Boolean largeMap(Fixture.LargeMap f) { return false; }
        @Override public Boolean cMemory(Fixture.CMemory f) { return false; }
    };

    /**
     * Whether getting a view of the object runs Python code - PEP 688's {@code __buffer__} - rather than a C slot. A
     * view of such an object (a memoryview of it) runs none: it holds the view got when it was made.
     */
    static final Fixture.Visitor<Boolean> EXPORT_RUNS_PYTHON = new Fixture.Visitor<>() {
        @Override public Boolean bytes(Fixture.Bytes f) { return false; }
        @Override public Boolean byteArray(Fixture.ByteArray f) { return false; }
        @Override public Boolean arrayOf(Fixture.ArrayOf f) { return false; }
        @Override public Boolean memoryView(Fixture.MemoryView f) { return false; }
        @Override public Boolean sliced(Fixture.Sliced f) { return false; }
        @Override public Boolean cast(Fixture.Cast f) { return false; }
        @Override public Boolean readOnly(Fixture.ReadOnly f) { return false; }
        @Override public Boolean released(Fixture.Released f) { return false; }
        @Override public Boolean str(Fixture.Str f) { return false; }
        @Override public Boolean integer(Fixture.Int f) { return false; }
        @Override public Boolean none(Fixture.NoneObject f) { return false; }
        @Override public Boolean exporter(Fixture.Exporter f) { return false; }
        /** Unknown here: what it stands for was built before. */
        @Override public Boolean existing(Fixture.Existing f) { return false; }
        @Override public Boolean subclass(Fixture.Subclass f) { return false; }
        @Override public Boolean mmap(Fixture.Mmap f) { return false; }
        @Override public Boolean pythonExporter(Fixture.PythonExporter f) { return true; }
        @Override public Boolean ctypes(Fixture.Ctypes f) { return false; }
        @Override public Boolean bufferOverride(Fixture.BufferOverride f) { return true; }
        @Override public Boolean largeMap(Fixture.LargeMap f) { return false; }
        @Override public Boolean cMemory(Fixture.CMemory f) { return false; }
    };
}
