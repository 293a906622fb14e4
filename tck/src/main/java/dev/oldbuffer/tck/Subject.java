package dev.oldbuffer.tck;

import static org.apiguardian.api.API.Status.STABLE;

import dev.oldbuffer.catalogue.Assertion;
import dev.oldbuffer.catalogue.Expected;
import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.DeferredRefusal;
import dev.oldbuffer.spi.ExportCounts;
import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.spi.OldBufferRuntime;
import dev.oldbuffer.spi.OutSlots;
import dev.oldbuffer.spi.Pending;
import dev.oldbuffer.spi.PyError;
import dev.oldbuffer.spi.Replacement;
import dev.oldbuffer.spi.Step;
import dev.oldbuffer.spi.Acquisition;
import dev.oldbuffer.tck.assertions.CallResultAssert;
import dev.oldbuffer.tck.assertions.TckMessages;
import dev.oldbuffer.tck.oracle.FixtureOracle;
import dev.oldbuffer.tck.oracle.Layout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * What one test works with: the implementation under test, seen through a transcript, plus the profile
 * and the assertions the test checks. Injected into spec methods by {@link OldBufferTck}.
 */
@API(status = STABLE, since = "0.1")
public final class Subject {

    private static final int TRANSCRIPT_LIMIT = 200;
    /** What {@link #verifyStillExported} checks. */
    public static final String KEEPS_THE_EXPORT = "keep the object exported until PyBuffer_Release";

    private final OldBufferRuntime runtime;
    private final Profile profile;
    private final List<Assertion> assertions;
    private final Map<Long, Fixture> recipes = new HashMap<>();
    private final List<Supplier<String>> transcript = new ArrayList<>();
    /** The steps asked for with {@link #later}, which {@link #settle()} reads. */
    private final List<Pending<?>> unread = new ArrayList<>();
    private final FixtureOracle oracle;
    private int omitted;

    public Subject(OldBufferRuntime runtime, Profile profile, List<Assertion> assertions) {
        this.runtime = runtime;
        this.profile = profile;
        this.assertions = List.copyOf(assertions);
        this.oracle = new FixtureOracle(e -> {
            Fixture recipe = recipes.get(e.object().handle());
            if (recipe == null) {
                throw new IllegalArgumentException("object " + e.object() + " was not created by this test");
            }
            return recipe;
        });
    }

    public Profile profile() {
        return profile;
    }

    public OldBufferRuntime runtime() {
        return runtime;
    }

    public boolean has(Feature feature) {
        return runtime.features().contains(feature);
    }

    /**
     * For an {@code untested_} method: the assertions it names cannot be decided by a black-box test, for the reason
     * the catalogue gives; {@code throw s.notVerified()} reports them as not verified.
     */
    public NotVerified notVerified() {
        return new NotVerified(assertions.stream().map(a -> a.id() + ": " + a.note()).collect(Collectors.joining("; ")));
    }

    /** Whether this test checks the assertion: it names it and the assertion belongs to the run's profile. */
    public boolean checks(String assertionId) {
        return assertions.stream().anyMatch(a -> a.id().equals(assertionId) && a.appliesTo(profile));
    }

    /** What the catalogue expects under this profile, from the assertion's {@code expected} entry. */
    public Expected expected(String assertionId) {
        return assertions.stream().filter(a -> a.id().equals(assertionId)).findFirst()
                .flatMap(a -> a.expectedFor(profile))
                .orElseThrow(() -> new IllegalStateException("catalogue entry " + assertionId
                        + " names no expected outcome for profile " + profile + " (or the test does not check it)"));
    }

    /** The one error type the catalogue expects under this profile for every refusal the assertion covers. */
    public String expectedError(String assertionId) {
        return expected(assertionId).error().orElseThrow(() -> new IllegalStateException("catalogue entry " + assertionId
                + " names no single error type for profile " + profile));
    }

    /**
     * Builds the object. The kit only builds recipes Python accepts, so a refusal is the implementation's: it fails
     * the test with what the implementation raised (its Python objects, not the old buffer API, are at fault).
     */
    public ObjRef create(Fixture fixture) {
        ObjRef ref;
        try {
            ref = waited(() -> runtime.create(fixture));
        } catch (IllegalArgumentException e) {
            throw refused("build", fixture.describe(), e);
        }
        recipes.put(ref.handle(), fixture);
        log(() -> ref.kind() + " = " + fixture.describe());
        return ref;
    }

    /** What a correct implementation shows for this recipe ({@code Existing} parts resolved). */
    public Layout layout(Fixture fixture) {
        return oracle.layout(fixture);
    }

    /** Calls with both out-slots present and holding the sentinels. */
    public CallResult call(Function function, ObjRef object) {
        return call(function, object, OutSlots.sentinels());
    }

    public CallResult call(Function function, ObjRef object, OutSlots slots) {
        CallResult r = waited(() -> runtime.call(function, object, slots));
        log(r::transcript);
        return r;
    }

    /**
     * Makes the call without waiting for its answer ({@link OldBufferRuntime#later}): a try asks for what it will look at,
     * then reads the answers, which a runtime behind a process carries over together.
     */
    public Pending<CallResult> callLater(Function function, ObjRef object) {
        return later(new OldBufferRuntime.Call(function, object, OutSlots.sentinels()), CallResult::transcript, null);
    }

    /** {@link #fetchError()}, answered later; what it fetched shows in the transcript. */
    public Pending<Optional<PyError>> fetchErrorLater() {
        return later(new Step.FetchError(), e -> "PyErr_Fetch() -> " + e.map(PyError::toString).orElse("nothing"), null);
    }

    /** {@link #refCount}, answered later. */
    public Pending<Long> refCountLater(ObjRef object) {
        return later(new Step.RefCount(object), count -> "reference count of " + object + ": " + count, null);
    }

    /** {@link #setItem}, done later; a refusal fails the test as there, when the answer is read. */
    public Pending<Boolean> setItemLater(ObjRef object, int index, byte value) {
        return later(new Step.SetItem(object, index, value), done -> object + "[" + index + "] = " + (value & 0xff), e -> {
            throw refused("store byte " + index + " through", describe(object), e);
        });
    }

    /** {@link #read}, answered later. */
    public Pending<byte[]> readLater(long address, int length) {
        return later(new Step.Read(address, length), null, null);
    }

    /** {@link #write}, done later. */
    public Pending<Boolean> writeLater(long address, byte[] data) {
        return later(new Step.Write(address, data), done -> "memcpy(0x" + Long.toHexString(address) + ", " + data.length + " bytes)", null);
    }

    /** {@link #contents(ObjRef)}, answered later; a refusal fails the test as there, when the answer is read. */
    public Pending<byte[]> contentsLater(ObjRef object) {
        return later(new Step.Contents(object), null, e -> {
            throw refused("show the content of", describe(object), e);
        });
    }

    /** {@link #contents(List)}, answered later; a refusal fails the test as there, when the answer is read. */
    public Pending<List<byte[]>> contentsLater(List<ObjRef> objects) {
        if (objects.isEmpty()) {
            return Pending.answered(List.of());
        }
        return later(new Step.ContentsOf(objects), null, e -> contentsOneByOne(objects));
    }

    /**
     * Asks for a step; its transcript line ({@code line}, none when null) shows once the answer has come. A refusal
     * ({@link IllegalArgumentException}) goes to {@code refusal}, when not null, which throws what the test reports or
     * finds the answer another way. {@link #settle()} reads every step at the latest, so that no refusal goes unseen.
     */
    private <T> Pending<T> later(Step<T> step, java.util.function.Function<T, String> line,
                                 java.util.function.Function<IllegalArgumentException, T> refusal) {
        Read<T> read;
        try {
            read = new Read<>(waited(() -> runtime.later(step)), refusal);
        } catch (IllegalArgumentException e) {   // a runtime in this JVM answers at once
            if (refusal == null) {
                throw e;
            }
            read = new Read<>(Pending.answered(refusal.apply(e)), null);
        }
        if (line != null) {
            Pending<T> answer = read;
            log(() -> answer.ifAnswered().map(line).orElse(null));   // none for a step a crash left unanswered, as for a call that crashed
        }
        unread.add(read);
        return read;
    }

    /** A step's answer as the test reads it: a refusal of an earlier operation reported as its own, this one's as the test says. */
    private final class Read<T> implements Pending<T> {
        private final Pending<T> asked;
        private final java.util.function.Function<IllegalArgumentException, T> refusal;
        private Optional<T> recovered = Optional.empty();

        Read(Pending<T> asked, java.util.function.Function<IllegalArgumentException, T> refusal) {
            this.asked = asked;
            this.refusal = refusal;
        }

        @Override
        public T get() {
            if (recovered.isPresent()) {
                return recovered.get();
            }
            try {
                return waited(asked::get);
            } catch (IllegalArgumentException e) {
                if (refusal == null) {
                    throw e;
                }
                recovered = Optional.of(refusal.apply(e));   // found another way, once
                return recovered.get();
            }
        }

        @Override
        public Optional<T> ifAnswered() {
            return recovered.isPresent() ? recovered : asked.ifAnswered();
        }
    }

    /** Builds the object and calls the function on it. */
    public CallResult call(Function function, Fixture fixture) {
        return call(function, create(fixture));
    }

    /** One of the calls the page recommends instead ({@link Feature#NEW_BUFFER_API}); its error comes fetched with it. */
    public Acquisition acquire(Replacement call, ObjRef object) {
        Acquisition a = waited(() -> runtime.acquire(call, object));
        log(a::transcript);
        return a;
    }

    /** {@code PyBuffer_Release} of a view {@link #acquire} left held; nothing for one that holds none. */
    public void release(Acquisition a) {
        if (a.holdsView()) {
            waited(() -> runtime.release(a));
            log(() -> "PyBuffer_Release(&view of " + a.object() + ")");
        }
    }

    /** Makes the call and gives back the view it may hold: what the call handed over, for comparing. */
    public Acquisition acquireAndRelease(Replacement call, ObjRef object) {
        return acquireAndReleaseLater(call, object).get();
    }

    /** {@link #acquireAndRelease}, answered later. */
    public Pending<Acquisition> acquireAndReleaseLater(Replacement call, ObjRef object) {
        return later(new Step.AcquireAndRelease(call, object),
                a -> a.transcript() + (a.holdsView() ? "\nPyBuffer_Release(&view of " + a.object() + ")" : ""), null);
    }

    public int checkBuffer(ObjRef object) {
        return checkBufferLater(object).get();
    }

    /** {@link #checkBuffer}, answered later. */
    public Pending<Integer> checkBufferLater(ObjRef object) {
        return later(new Step.CheckBuffer(object), answer -> "PyObject_CheckBuffer(" + object + ") -> " + answer, null);
    }

    public Optional<PyError> fetchError() {
        return fetchErrorLater().get();
    }

    public void setError(PyError error) {
        waited(() -> runtime.setError(error));
        log(() -> "PyErr_SetString(" + error.type() + ", \"" + error.message() + "\")");
    }

    public byte[] read(long address, int length) {
        return waited(() -> runtime.read(address, length));
    }

    public void write(long address, byte[] data) {
        writeLater(address, data).get();
    }

    /**
     * Writes {@code data} at the address a successful call returned, once the call is seen to have answered with
     * {@code current}'s length and, where memory can be read, with {@code current}'s bytes at that address: a write
     * through a wrong address or past the end would corrupt the implementation - a crash at some later, random point -
     * instead of testing it.
     */
    public void writeThrough(CallResult call, byte[] current, byte[] data) {
        writeThroughLater(call, current, data).get();
    }

    /** {@link #writeThrough}, the write done later: the checks before it need no answer the call did not bring. */
    public Pending<Boolean> writeThroughLater(CallResult call, byte[] current, byte[] data) {
        verify(call).succeeded().hasLength(current.length);
        if (has(Feature.MEMORY_READ)) {
            verify(call).pointsAt(current);
        }
        return writeLater(call.buffer(), data);
    }

    /** The object's content as Python sees it; a refusal fails the test, as in {@link #create}. */
    public byte[] contents(ObjRef object) {
        return contentsLater(object).get();
    }

    /** {@link #contents(ObjRef)} of each object, in one go where the runtime can; a refusal fails the test as there. */
    public List<byte[]> contents(List<ObjRef> objects) {
        return contentsLater(objects).get();
    }

    /** After a refusal of the contents of several objects: find the one that refuses, and fail as contents(it) does. */
    private List<byte[]> contentsOneByOne(List<ObjRef> objects) {
        List<byte[]> all = new ArrayList<>();
        for (ObjRef o : objects) {
            all.add(contents(o));
        }
        return all;
    }

    /** Stores one byte through the object itself; a refusal fails the test, as in {@link #create}. */
    public void setItem(ObjRef object, int index, byte value) {
        setItemLater(object, index, value).get();
    }

    /**
     * Waits for the end of the try or test: a refusal of an operation the runtime answered early ({@link DeferredRefusal})
     * fails it as that operation's refusal would have, and a crash or hang in one is the try's.
     */
    public void settle() {
        waited(runtime::settle);
        List<Pending<?>> asked = List.copyOf(unread);
        unread.clear();
        for (Pending<?> p : asked) {
            p.get();
        }
    }

    /** Runs an operation of the runtime; a refusal of an earlier one answered early is reported as that one's own. */
    private <T> T waited(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (DeferredRefusal d) {
            throw asIfWaitedFor(d);
        }
    }

    private void waited(Runnable operation) {
        waited(() -> {
            operation.run();
            return null;
        });
    }

    /** What the refused operation would have thrown had the runtime waited for it: for a recipe, as {@link #create} fails. */
    private RuntimeException asIfWaitedFor(DeferredRefusal d) {
        if (d.operation() == DeferredRefusal.Operation.CREATE && d.refusal() instanceof IllegalArgumentException e) {
            throw refused("build", d.argument(), e);
        }
        return d.refusal();
    }

    private AssertionError refused(String action, String object, IllegalArgumentException e) {
        return TckMessages.couldNotObserve(context(), action, object, e.getMessage(), e);
    }

    private String describe(ObjRef object) {
        Fixture recipe = recipes.get(object.handle());
        return recipe == null ? object.toString() : recipe.describe();
    }

    /** The file behind a file-backed mmap, after flush(); a refusal fails the test, as in {@link #create}. */
    public byte[] fileContents(ObjRef mmap) {
        try {
            byte[] file = waited(() -> runtime.fileContents(mmap));
            log(() -> "file of " + mmap + " -> " + file.length + " bytes");
            return file;
        } catch (IllegalArgumentException e) {
            throw refused("read the file behind", describe(mmap), e);
        }
    }

    public boolean tryResize(ObjRef object) {
        return tryResizeLater(object).get();
    }

    public boolean tryRelease(ObjRef view) {
        return tryReleaseLater(view).get();
    }

    private Pending<Boolean> tryResizeLater(ObjRef object) {
        return later(new Step.TryResize(object), ok -> "resize " + object + " -> " + (ok ? "allowed" : "refused (still exported)"), null);
    }

    private Pending<Boolean> tryReleaseLater(ObjRef view) {
        return later(new Step.TryRelease(view), ok -> view + ".release() -> " + (ok ? "released" : "refused (still exported)"), null);
    }

    /** The object's reference count ({@link Feature#REFCOUNTS}); only a difference between two readings means something. */
    public long refCount(ObjRef object) {
        return refCountLater(object).get();
    }

    /** Every reference the interpreter holds ({@link Feature#TOTAL_REFCOUNT}); only a difference between two readings means something. */
    public long totalRefCount() {
        long count = waited(runtime::totalRefCount);
        log(() -> "total reference count: " + count);
        return count;
    }

    public ExportCounts exportCounts(ObjRef exporter) {
        return exportCountsLater(exporter).get();
    }

    /** {@link #exportCounts}, answered later. */
    public Pending<ExportCounts> exportCountsLater(ObjRef exporter) {
        return later(new Step.ExportCountsOf(exporter),
                c -> "counts of " + exporter + ": " + c.acquires() + " acquired, " + c.releases() + " released, last flags " + c.lastFlags(), null);
    }

    /**
     * A look at whether an object is still exported, as its kind lets a test see ({@link Layout#exportProbe()}), asked for
     * before it is checked: {@link #exportLater}, then {@link #verifyNoLongerExported(CallResult, ExportLook)}.
     */
    public record ExportLook(ObjRef object, Layout.ExportProbe probe, Pending<ExportCounts> counts, Pending<Boolean> allowed) {
    }

    /** Asks how {@code object} shows whether it is still exported, without waiting for the answer. */
    public ExportLook exportLater(ObjRef object) {
        Layout.ExportProbe probe = layout(recipes.get(object.handle())).exportProbe();
        return switch (probe) {
            case COUNTS -> new ExportLook(object, probe, exportCountsLater(object), null);
            case RESIZE -> new ExportLook(object, probe, null, tryResizeLater(object));
            case RELEASE -> new ExportLook(object, probe, null, tryReleaseLater(object));
            case NONE -> new ExportLook(object, probe, null, null);
        };
    }

    /**
     * After {@code call}, nothing exports {@code object} any longer, as its kind lets a test see: an exporter's counts
     * balance, a bytearray or array can be resized, a memoryview released.
     */
    public void verifyNoLongerExported(CallResult call, ObjRef object) {
        verifyNoLongerExported(call, exportLater(object));
    }

    /** {@link #verifyNoLongerExported(CallResult, ObjRef)} with a look asked for earlier, after the call. */
    public void verifyNoLongerExported(CallResult call, ExportLook look) {
        verifyNoLongerExported(context(call.function()), call, look);
    }

    /** {@link #verifyNoLongerExported(CallResult, ObjRef)} after {@code step}, checked for {@code function}'s assertions. */
    public void verifyNoLongerExported(Function function, Object step, ObjRef object) {
        verifyNoLongerExported(context(function), step, exportLater(object));
    }

    /**
     * While a view {@code held} of {@code object} is held, the object is still exported, as its kind lets a test see: an
     * exporter counts an outstanding view, a bytearray or array refuses to resize, a memoryview or mmap to be released.
     */
    public void verifyStillExported(Function function, Acquisition held, ObjRef object) {
        String context = context(function);
        ExportLook look = exportLater(object);
        switch (look.probe()) {
            case COUNTS -> {
                ExportCounts counts = look.counts().get();
                if (counts.outstanding() != 1) {
                    throw TckMessages.shouldHave(context, held, KEEPS_THE_EXPORT,
                            "exporter counts one more acquire than releases", counts.acquires() + " acquired, " + counts.releases() + " released");
                }
            }
            case RESIZE -> {
                if (look.allowed().get()) {
                    throw TckMessages.shouldHave(context, held, KEEPS_THE_EXPORT,
                            "resize refused (still exported)", "resize allowed: nothing exports it");
                }
            }
            case RELEASE -> {
                if (look.allowed().get()) {
                    throw TckMessages.shouldHave(context, held, KEEPS_THE_EXPORT,
                            "release() refused (still exported)", "released: nothing exported it");
                }
            }
            case NONE -> { }
        }
    }

    private void verifyNoLongerExported(String context, Object call, ExportLook look) {
        Fixture recipe = recipes.get(look.object().handle());
        switch (look.probe()) {
            case COUNTS -> {
                ExportCounts counts = look.counts().get();
                if (counts.outstanding() != 0) {
                    throw TckMessages.shouldRelease(context, call, "acquires == releases",
                            counts.acquires() + " acquired, " + counts.releases() + " released");
                }
            }
            case RESIZE -> {
                if (!look.allowed().get()) {
                    throw TckMessages.shouldHave(context, call, "leave " + recipe.describe() + " resizable",
                            "resizable (no export left)", "resize refused: still exported");
                }
            }
            case RELEASE -> {
                if (!look.allowed().get()) {
                    throw TckMessages.shouldHave(context, call, "leave " + recipe.describe() + " releasable",
                            "releasable (no export left)", "release() refused: still exported");
                }
            }
            case NONE -> { }
        }
    }

    /** AssertJ entry point for a call, with a message context naming assertion, profile and implementation. */
    public CallResultAssert verify(CallResult result) {
        return new CallResultAssert(result, () -> context(result.function()), (address, length) -> waited(() -> runtime.read(address, length)));
    }

    /** {@code [char03,read03, profile documented, on reference 0.1.0]}: the context of a step that is no call. */
    public String context() {
        return header(ids(assertions));
    }

    /** {@code [char03 PyObject_AsCharBuffer, profile documented, on reference 0.1.0]}. */
    public String context(Function function) {
        String ids = ids(assertions.stream().filter(a -> a.function() == function).toList());
        return header((ids.isEmpty() ? ids(assertions) : ids) + " " + function.cName());
    }

    private String header(String subject) {
        return "[" + subject + ", profile " + profile + ", on " + runtime.info() + "]";
    }

    private static String ids(List<Assertion> of) {
        return of.stream().map(Assertion::id).collect(Collectors.joining(","));
    }

    /** Every operation of this test, in order, for the report. */
    public String transcript() {
        return transcript.stream().map(Supplier::get).filter(java.util.Objects::nonNull).collect(Collectors.joining("\n")) + (omitted > 0 ? "\n... and " + omitted + " more operations" : "");
    }

    /** Adds a line to the transcript, made only if a report shows it (most tries pass, and never show theirs). */
    private void log(Supplier<String> line) {
        if (transcript.size() < TRANSCRIPT_LIMIT) {
            transcript.add(line);
        } else {
            omitted++;
        }
    }
}
