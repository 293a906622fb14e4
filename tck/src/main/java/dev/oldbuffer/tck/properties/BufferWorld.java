package dev.oldbuffer.tck.properties;

import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.ExportCounts;
import dev.oldbuffer.spi.ExporterSpec;
import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.spi.Pending;
import dev.oldbuffer.spi.PyError;
import dev.oldbuffer.spi.Typecodes;
import dev.oldbuffer.tck.Subject;
import dev.oldbuffer.tck.arbitraries.Kept;
import dev.oldbuffer.tck.arbitraries.OldBufferDomain;
import dev.oldbuffer.tck.assertions.TckMessages;
import dev.oldbuffer.tck.oracle.FixtureOracle;
import dev.oldbuffer.tck.oracle.Layout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;

/**
 * The state of a stateful specification: the objects made so far in the implementation under test and a model
 * of each - its recipe (for a view: the operations from its base object), the base's current bytes, which
 * managed buffer ("family") a view shares, whether it was released, and the address the last call returned.
 * The recipes' layouts (the oracle) say what every call must answer; the invariants compare the implementation
 * with the model after every step.
 */
final class BufferWorld {

    /** Longest action sequence of one try. */
    static final int MAX_ACTIONS = 16;
    private static final int MAX_SIZE = 24;

    private final Subject s;
    private final Function function;
    private final List<Tracked> objects = new ArrayList<>();
    private final FixtureOracle oracle;
    private int families;
    /** A store's answer, which the invariants read after asking for what they look at: one round trip for them all. */
    private Pending<Boolean> stored;
    /** What the invariants look at, asked for in one go by the first of them. */
    private Looks looks;

    /** Exporters' counts and the contents of every object with a buffer, as the model expects them, asked for. */
    private record Looks(Map<Tracked, Pending<ExportCounts>> counts, List<Tracked> shown, List<Layout> layouts,
                         Pending<List<byte[]>> contents) {
    }

    /**
     * One object: a base (or an object without buffer interface) or a memoryview over a base. Its label comes with
     * the action that made it, so that actions keep naming the same object when shrinking drops others.
     */
    private static final class Tracked {
        final String label;
        final ObjRef ref;
        final Tracked base;
        final int family;
        /** Bases: the recipe with the current content. Views: the operations from the base, over Existing(base). */
        Fixture recipe;
        boolean released;
        long lastAddress = -1;

        Tracked(String label, ObjRef ref, Tracked base, int family, Fixture recipe) {
            this.label = label;
            this.ref = ref;
            this.base = base == null ? this : base;
            this.family = family;
            this.recipe = recipe;
        }

        boolean isView() {
            return base != this;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    BufferWorld(Subject s, Function function) {
        this.s = s;
        this.function = function;
        this.oracle = new FixtureOracle(e -> byRef(e.object()).recipe);
    }

    /** Random lives of objects, calling {@code function} along the way. */
    static ActionChainArbitrary<BufferWorld> chains(Function function) {
        return ActionChain.<BufferWorld>startWith(() -> new BufferWorld(PropertyHook.currentSubject(), function))
                .withAction(2, new Create())
                .withAction(2, new View())
                .withAction(2, new Slice())
                .withAction(4, new Call())
                .withAction(2, new Store())
                .withAction(1, new Resize())
                .withAction(1, new Release())
                .withMaxTransformations(MAX_ACTIONS);
    }

    /** The invariants, by name. */
    private static final String NO_ERROR_LEFT = "no error is left set",
            EXPORTS_MATCH = "an exporter holds one view per live memoryview family",
            CONTENTS_MATCH = "Python sees the model's bytes";

    /** Runs a chain with the invariants checked after every step. */
    static void run(ActionChain<BufferWorld> chain) {
        chain.withInvariant(NO_ERROR_LEFT, BufferWorld::noErrorLeft)
                .withInvariant(EXPORTS_MATCH, BufferWorld::exportsMatchLiveViews)
                .withInvariant(CONTENTS_MATCH, BufferWorld::contentsMatchTheModel)
                .run();
    }

    // ------------------------------------------------------------------ invariants

    /**
     * The first invariant asks for everything the three look at (the error indicator, exporters' counts, contents), and
     * reads a store's answer after that: the step and its checks cross to a runtime behind a process together.
     */
    void noErrorLeft() {
        Optional<PyError> left = s.fetchError();
        looks = askForTheLooks();
        if (stored != null) {
            Pending<Boolean> store = stored;
            stored = null;
            store.get();   // a refusal fails the try, as the store itself would have
        }
        if (left.isPresent()) {
            throw TckMessages.shouldFollowTheModel(s.context(function), NO_ERROR_LEFT,
                    "the error indicator should be empty between operations, but holds " + left.get(), this);
        }
    }

    private Looks askForTheLooks() {
        Map<Tracked, Pending<ExportCounts>> counts = new LinkedHashMap<>();
        for (Tracked t : objects) {
            if (!t.isView() && layout(t).exportProbe() == Layout.ExportProbe.COUNTS) {
                counts.put(t, s.exportCountsLater(t.ref));
            }
        }
        List<Tracked> shown = new ArrayList<>();
        List<Layout> layouts = new ArrayList<>();
        for (Tracked t : objects) {
            Layout layout = layout(t);
            if (layout.bufferInterface() && layout.refusal().isEmpty()) {
                shown.add(t);
                layouts.add(layout);
            }
        }
        return new Looks(counts, shown, layouts, s.contentsLater(shown.stream().map(t -> t.ref).toList()));
    }

    void exportsMatchLiveViews() {
        for (Map.Entry<Tracked, Pending<ExportCounts>> e : looks.counts().entrySet()) {
            Tracked t = e.getKey();
            int outstanding = e.getValue().get().outstanding();
            long live = liveFamilies(t);
            if (outstanding != live) {
                throw TckMessages.shouldFollowTheModel(s.context(function), EXPORTS_MATCH, "exporter " + t + " should hold "
                        + live + " view(s), one per live memoryview family, but holds " + outstanding, this);
            }
        }
    }

    void contentsMatchTheModel() {
        List<Tracked> shown = looks.shown();
        List<Layout> layouts = looks.layouts();
        List<byte[]> seen = looks.contents().get();
        for (int i = 0; i < shown.size(); i++) {
            if (!Arrays.equals(seen.get(i), layouts.get(i).data())) {
                Tracked t = shown.get(i);
                throw TckMessages.shouldFollowTheModel(s.context(function), CONTENTS_MATCH, t + " " + t.recipe.describe()
                        + " should hold " + hex(layouts.get(i).data()) + " but holds " + hex(seen.get(i)), this);
            }
        }
    }

    // ------------------------------------------------------------------ operations
    // Each names its object by label and does nothing when shrinking removed that object or made it unfit.

    void create(String label, Fixture recipe) {
        objects.add(new Tracked(label, s.create(recipe), null, -1, recipe));
    }

    /** {@code memoryview(x)}: a new family over a base, or one more view in the family of a view. */
    void memoryview(String target, String label) {
        find(target, this::viewable).ifPresent(t -> {
            Fixture chain = t.isView() ? Fixture.memoryview(t.recipe) : Fixture.memoryview(new Fixture.Existing(t.ref));
            add(label, s.create(Fixture.memoryview(new Fixture.Existing(t.ref))), t.base, t.isView() ? t.family : families++, chain);
        });
    }

    void slice(String target, String label, Integer start, Integer stop, int step) {
        find(target, LIVE_VIEW).ifPresent(t -> add(label, s.create(new Fixture.Sliced(new Fixture.Existing(t.ref), start, stop, step)),
                t.base, t.family, new Fixture.Sliced(t.recipe, start, stop, step)));
    }

    /** Calls the function; AsWriteBuffer also writes a pattern at the address it returns. */
    void call(String target, long seed) {
        find(target, t -> true).ifPresent(t -> call(t, seed));
    }

    private void call(Tracked t, long seed) {
        Layout layout = layout(t);
        CallResult r = s.call(function, t.ref);
        s.verify(r).returned(layout.returnValue(function));
        if (function == Function.CHECK_READ_BUFFER) {
            return; // what it leaves behind is the invariant's business
        }
        if (r.returnValue() != 0) {
            if (r.error().isEmpty()) {
                throw TckMessages.shouldSetError(s.context(function), r, "an exception", "no error set");
            }
            s.fetchError();
            return;
        }
        s.verify(r).hasNoErrorSet().hasLength(layout.byteLength());
        if (s.has(Feature.MEMORY_READ)) {
            s.verify(r).pointsAt(layout.data());
        }
        if (t.lastAddress != -1 && layout.byteLength() > 0) {
            s.verify(r).pointsTo(t.lastAddress, "the address the last call returned: the storage has not moved");
        }
        t.lastAddress = layout.byteLength() > 0 ? r.buffer() : -1;
        if (function == Function.AS_WRITE_BUFFER && s.has(Feature.MEMORY_WRITE)) {
            byte[] pattern = new byte[layout.byteLength()];
            new SplittableRandom(seed).nextBytes(pattern);
            Pending<Boolean> written = s.writeLater(r.buffer(), pattern);
            storeInModel(t, layout, 0, pattern);
            Pending<byte[]> contents = s.contentsLater(t.ref);   // with the write: one round trip
            written.get();
            byte[] seen = contents.get();
            if (!Arrays.equals(seen, pattern)) {
                throw TckMessages.shouldHave(s.context(function), r,
                        "make bytes written at the address the object's content", hex(pattern), hex(seen));
            }
        }
    }

    /** {@code x[index] = value} through the object itself. */
    void store(String target, int index, byte value) {
        find(target, this::storable).ifPresent(t -> {
            Layout layout = layout(t);
            int at = Math.floorMod(index, layout.byteLength());
            stored = s.setItemLater(t.ref, at, value);   // read by the invariants, after they ask for what they look at
            storeInModel(t, layout, at, new byte[] {value});
        });
    }

    /** Resizing a bytearray or array succeeds exactly when no memoryview over it is alive. */
    void resize(String target) {
        find(target, this::resizable).ifPresent(t -> {
            boolean expected = liveFamilies(t) == 0;
            boolean resized = s.tryResize(t.ref);
            if (resized != expected) {
                throw TckMessages.shouldFollowTheModel(s.context(function), "resize", "resizing " + t + " " + t.recipe.describe()
                        + " should be " + (expected ? "allowed: no memoryview over it is alive" : "refused: a memoryview over it is alive")
                        + ", but was " + (resized ? "allowed" : "refused"), this);
            }
            if (resized) {
                t.lastAddress = -1; // the storage moved
            }
        });
    }

    /** {@code m.release()} succeeds, again too: no call may leave the memoryview exported. */
    void release(String target) {
        find(target, Tracked::isView).ifPresent(t -> {
            if (!s.tryRelease(t.ref)) {
                throw TckMessages.shouldFollowTheModel(s.context(function), "release", t + " " + t.recipe.describe()
                        + ".release() should succeed - no call may leave it exported - but was refused", this);
            }
            t.released = true;
        });
    }

    // ------------------------------------------------------------------ the model

    private void add(String label, ObjRef ref, Tracked base, int family, Fixture chain) {
        objects.add(new Tracked(label, ref, base, family, chain));
    }

    private Optional<Tracked> find(String label, Predicate<Tracked> fit) {
        return objects.stream().filter(t -> t.label.equals(label) && fit.test(t)).findFirst();
    }

    /** The label of the next object, unique in the sequence as first generated. */
    private String nextLabel() {
        return "#" + objects.size();
    }

    private Tracked byRef(ObjRef ref) {
        return objects.stream().filter(t -> t.ref.handle() == ref.handle()).findFirst()
                .orElseThrow(() -> new IllegalStateException("untracked object " + ref));
    }

    private Layout layout(Tracked t) {
        return oracle.layout(t.released ? new Fixture.Released(t.recipe) : t.recipe);
    }

    private long liveFamilies(Tracked base) {
        return objects.stream().filter(v -> v.isView() && v.base == base && !v.released).mapToInt(v -> v.family).distinct().count();
    }

    /**
     * Bytes stored at byte {@code from} of an object land in its base's content: directly for the base itself, at
     * the view's offset in the base's storage for a contiguous view (a strided exporter keeps every step-th byte).
     */
    private void storeInModel(Tracked t, Layout layout, int from, byte[] bytes) {
        Tracked base = t.base;
        WritableBase writable = base.recipe.accept(WRITABLE_BASE)
                .orElseThrow(() -> new IllegalStateException("not a writable base: " + base.recipe.describe()));
        byte[] content = writable.content();
        if (!t.isView()) {
            System.arraycopy(bytes, 0, content, from, bytes.length);
        } else {
            for (int i = 0; i < bytes.length; i++) {
                long position = layout.offset() + from + i;
                if (position % writable.stride() == 0) {
                    content[(int) (position / writable.stride())] = bytes[i];
                }
            }
        }
        base.recipe = writable.withContent().apply(content);
    }

    /**
     * A base object whose bytes a store changes: its content, the stride at which it keeps them in its storage (a strided
     * exporter keeps every step-th byte), and the same recipe with other content.
     */
    private record WritableBase(byte[] content, int stride, java.util.function.Function<byte[], Fixture> withContent) {
    }

    /** The writable bases: bytearray, array and the configurable exporter; nothing else is ever stored into. */
    private static final Fixture.Visitor<Optional<WritableBase>> WRITABLE_BASE = new Fixture.Visitor<>() {
        @Override public Optional<WritableBase> bytes(Fixture.Bytes f) { return Optional.empty(); }
        @Override public Optional<WritableBase> byteArray(Fixture.ByteArray f) {
            return Optional.of(new WritableBase(f.data(), 1, Fixture.ByteArray::new));
        }
        @Override public Optional<WritableBase> arrayOf(Fixture.ArrayOf f) {
            return Optional.of(new WritableBase(f.raw(), 1, raw -> new Fixture.ArrayOf(f.typecode(), raw)));
        }
        @Override public Optional<WritableBase> memoryView(Fixture.MemoryView f) { return Optional.empty(); }
        @Override public Optional<WritableBase> sliced(Fixture.Sliced f) { return Optional.empty(); }
        @Override public Optional<WritableBase> cast(Fixture.Cast f) { return Optional.empty(); }
        @Override public Optional<WritableBase> readOnly(Fixture.ReadOnly f) { return Optional.empty(); }
        @Override public Optional<WritableBase> released(Fixture.Released f) { return Optional.empty(); }
        @Override public Optional<WritableBase> str(Fixture.Str f) { return Optional.empty(); }
        @Override public Optional<WritableBase> integer(Fixture.Int f) { return Optional.empty(); }
        @Override public Optional<WritableBase> none(Fixture.NoneObject f) { return Optional.empty(); }
        @Override public Optional<WritableBase> exporter(Fixture.Exporter f) {
            ExporterSpec spec = f.spec();
            return Optional.of(new WritableBase(spec.data(), spec.step(),
                    data -> new Fixture.Exporter(new ExporterSpec(data, spec.readOnly(), spec.step(), spec.failWith(), spec.rule()))));
        }
        @Override public Optional<WritableBase> existing(Fixture.Existing f) { return Optional.empty(); }
        @Override public Optional<WritableBase> mmap(Fixture.Mmap f) {
            return f.access() == Fixture.Mmap.Access.READ || f.closed() ? Optional.empty()
                    : Optional.of(new WritableBase(f.contents(), 1,
                            data -> new Fixture.Mmap(data, f.length(), f.access(), f.fileBacked(), f.closed())));
        }
        @Override public Optional<WritableBase> pythonExporter(Fixture.PythonExporter f) { return Optional.empty(); }
        @Override public Optional<WritableBase> largeMap(Fixture.LargeMap f) { return Optional.empty(); }
        @Override public Optional<WritableBase> bufferOverride(Fixture.BufferOverride f) { return Optional.empty(); }
        @Override public Optional<WritableBase> cMemory(Fixture.CMemory f) {
            return f.writable() ? Optional.of(new WritableBase(f.data(), 1, data -> new Fixture.CMemory(data, true))) : Optional.empty();
        }
        @Override public Optional<WritableBase> ctypes(Fixture.Ctypes f) {
            return Optional.of(new WritableBase(f.raw(), 1, raw -> new Fixture.Ctypes(f.type(), raw)));
        }
        @Override public Optional<WritableBase> subclass(Fixture.Subclass f) {
            return f.base().accept(this).map(b -> new WritableBase(b.content(), b.stride(),
                    data -> new Fixture.Subclass(b.withContent().apply(data))));
        }
    };

    private List<String> labels(Predicate<Tracked> which) {
        return objects.stream().filter(which).map(t -> t.label).toList();
    }

    /** Objects {@code memoryview(x)} accepts: bases with a buffer the exporter gives out, and live views. */
    private boolean viewable(Tracked t) {
        Layout layout = layout(t);
        return t.isView() ? !t.released : layout.bufferInterface() && layout.refusal().isEmpty();
    }

    /** Non-empty writable bases, and writable views whose bytes sit at a known offset of their base's storage. */
    private boolean storable(Tracked t) {
        Layout layout = layout(t);
        if (!t.isView()) {
            return layout.bufferInterface() && layout.refusal().isEmpty() && !layout.readOnly() && layout.byteLength() > 0;
        }
        return layout.writable() && layout.byteLength() > 0 && layout.offset() >= 0;
    }

    private boolean resizable(Tracked t) {
        return !t.isView() && layout(t).exportProbe() == Layout.ExportProbe.RESIZE;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("objects:");
        for (Tracked t : objects) {
            out.append("\n  ").append(t).append(" = ").append(t.isView() ? t.recipe.describe() : t.ref.kind())
                    .append(t.isView() ? ", family " + t.family : "").append(t.released ? ", released" : "");
        }
        return out.toString();
    }

    private static String hex(byte[] data) {
        return HexFormat.ofDelimiter(" ").formatHex(data);
    }

    // ------------------------------------------------------------------ actions

    private static final Predicate<Tracked> LIVE_VIEW = t -> t.isView() && !t.released;

    /** Makes a small base object of any kind the implementation can build. */
    static final class Create implements Action.Dependent<BufferWorld> {
        @Override
        public Arbitrary<Transformer<BufferWorld>> transformer(BufferWorld w) {
            String label = w.nextLabel();
            return recipes(w).map(r -> Transformer.mutate("create " + label + " = " + r.describe(), x -> x.create(label, r)));
        }

        /**
         * Made once per set of features, which decides the kinds {@link #recipesFor} offers: keyed by the whole set, not
         * by the few it reads today, so that one JVM running several runtimes never gives one the other's recipes.
         */
        private static final Map<Set<Feature>, Arbitrary<Fixture>> RECIPES = new ConcurrentHashMap<>();

        private static Arbitrary<Fixture> recipes(BufferWorld w) {
            Set<Feature> features = w.s.runtime().features();
            Arbitrary<Fixture> made = RECIPES.get(features);   // looked up as it is; copied only to be kept as a key
            return made != null ? made : RECIPES.computeIfAbsent(Set.copyOf(features), key -> Kept.generatorOf(recipesFor(w)));
        }

        private static Arbitrary<Fixture> recipesFor(BufferWorld w) {
            Arbitrary<byte[]> contents = Combinators.combine(Arbitraries.integers().between(0, MAX_SIZE),
                    Arbitraries.of(OldBufferDomain.Pattern.class), Arbitraries.longs().withoutEdgeCases()).as(OldBufferDomain::fill);
            List<Tuple.Tuple2<Integer, Arbitrary<Fixture>>> kinds = new ArrayList<>(List.of(
                    Tuple.of(3, contents.map(Fixture::bytearray)),
                    Tuple.of(2, contents.map(Fixture::bytes)),
                    Tuple.of(1, Arbitraries.of(Fixture.none(), Fixture.str("text"), Fixture.integer(7)))));
            if (w.s.has(Feature.ARRAY_MODULE)) {
                Arbitrary<Character> typecodes = new OldBufferDomain().everyRuntimesArrayTypecodes();
                if (!w.s.has(Feature.LP64_ITEM_SIZES)) {   // filtered only here: elsewhere every sample stays as it was
                    typecodes = typecodes.filter(code -> Typecodes.LP64_FORMATS.indexOf(code) < 0);
                }
                kinds.add(Tuple.of(2, Combinators.combine(typecodes, contents)
                        .as((code, data) -> new Fixture.ArrayOf(code, Arrays.copyOf(data, data.length - data.length % Typecodes.itemSize(code))))));
            }
            if (w.s.has(Feature.CONFIGURABLE_EXPORTER)) {
                Arbitrary<String> failWith = Arbitraries.of("ValueError", "BufferError").injectNull(0.85);
                kinds.add(Tuple.of(2, Combinators.combine(contents, Arbitraries.of(false, true), Arbitraries.integers().between(1, 3),
                        failWith).as((data, readOnly, step, fail) -> Fixture.exporter(new ExporterSpec(data, readOnly, step, fail)))));
            }
            return Arbitraries.frequencyOf(kinds);
        }
    }

    /** {@code memoryview(x)} of a base or a live view. */
    static final class View implements Action.Dependent<BufferWorld> {
        @Override
        public boolean precondition(BufferWorld w) {
            return !w.labels(w::viewable).isEmpty();
        }

        @Override
        public Arbitrary<Transformer<BufferWorld>> transformer(BufferWorld w) {
            String label = w.nextLabel();
            return Arbitraries.of(w.labels(w::viewable))
                    .map(t -> Transformer.mutate(label + " = memoryview(" + t + ")", x -> x.memoryview(t, label)));
        }
    }

    /** {@code m[start:stop:step]} of a live view. */
    static final class Slice implements Action.Dependent<BufferWorld> {
        private static final Arbitrary<Integer> BOUNDS = Kept.generatorOf(Arbitraries.integers().between(-8, 8).injectNull(0.3));
        private static final Arbitrary<Integer> STEPS = Kept.generatorOf(Arbitraries.of(1, 1, -1, 2, -2, 3));

        @Override
        public boolean precondition(BufferWorld w) {
            return !w.labels(LIVE_VIEW).isEmpty();
        }

        @Override
        public Arbitrary<Transformer<BufferWorld>> transformer(BufferWorld w) {
            String label = w.nextLabel();
            return Combinators.combine(Arbitraries.of(w.labels(LIVE_VIEW)), BOUNDS, BOUNDS, STEPS)
                    .as((t, start, stop, step) -> Transformer.mutate(label + " = " + t + "[" + (start == null ? "" : start) + ":"
                            + (stop == null ? "" : stop) + ":" + step + "]", x -> x.slice(t, label, start, stop, step)));
        }
    }

    /** Calls the function under test on any object made so far, released views and objects without buffer included. */
    static final class Call implements Action.Dependent<BufferWorld> {
        private static final Arbitrary<Long> SEEDS = Kept.generatorOf(Arbitraries.longs().withoutEdgeCases());

        @Override
        public boolean precondition(BufferWorld w) {
            return !w.objects.isEmpty();
        }

        @Override
        public Arbitrary<Transformer<BufferWorld>> transformer(BufferWorld w) {
            return Combinators.combine(Arbitraries.of(w.labels(t -> true)), SEEDS)
                    .as((t, seed) -> Transformer.mutate(w.function.cName() + "(" + t + ")", x -> x.call(t, seed)));
        }
    }

    /** Stores one byte through a writable object, so that calls made before and after see the change. */
    static final class Store implements Action.Dependent<BufferWorld> {
        private static final Arbitrary<Integer> INDEXES = Kept.generatorOf(Arbitraries.integers().between(0, 63));
        private static final Arbitrary<Byte> VALUES = Kept.generatorOf(Arbitraries.bytes());

        @Override
        public boolean precondition(BufferWorld w) {
            return !w.labels(w::storable).isEmpty();
        }

        @Override
        public Arbitrary<Transformer<BufferWorld>> transformer(BufferWorld w) {
            return Combinators.combine(Arbitraries.of(w.labels(w::storable)), INDEXES, VALUES)
                    .as((t, index, value) -> Transformer.mutate(t + "[" + index + " mod len] = " + (value & 0xff),
                            x -> x.store(t, index, value)));
        }
    }

    /** Grows a bytearray or array by one item and shrinks it back. */
    static final class Resize implements Action.Dependent<BufferWorld> {
        @Override
        public boolean precondition(BufferWorld w) {
            return w.s.has(Feature.EXPORT_PROBES) && !w.labels(w::resizable).isEmpty();
        }

        @Override
        public Arbitrary<Transformer<BufferWorld>> transformer(BufferWorld w) {
            return Arbitraries.of(w.labels(w::resizable)).map(t -> Transformer.mutate("resize " + t, x -> x.resize(t)));
        }
    }

    /** Releases a memoryview (again, if it was already released). */
    static final class Release implements Action.Dependent<BufferWorld> {
        @Override
        public boolean precondition(BufferWorld w) {
            return w.s.has(Feature.EXPORT_PROBES) && !w.labels(Tracked::isView).isEmpty();
        }

        @Override
        public Arbitrary<Transformer<BufferWorld>> transformer(BufferWorld w) {
            return Arbitraries.of(w.labels(Tracked::isView)).map(t -> Transformer.mutate("release " + t, x -> x.release(t)));
        }
    }
}
