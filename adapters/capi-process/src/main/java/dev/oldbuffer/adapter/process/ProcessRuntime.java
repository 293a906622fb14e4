package dev.oldbuffer.adapter.process;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.oldbuffer.spi.Acquisition;
import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.DeferredRefusal;
import dev.oldbuffer.spi.ExportCounts;
import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.ImplementationUnavailableException;
import dev.oldbuffer.spi.MemoryAccessException;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.spi.OldBufferRuntime;
import dev.oldbuffer.spi.OutSlots;
import dev.oldbuffer.spi.Pending;
import dev.oldbuffer.spi.PyError;
import dev.oldbuffer.spi.Replacement;
import dev.oldbuffer.spi.RuntimeFailure;
import dev.oldbuffer.spi.RuntimeInfo;
import dev.oldbuffer.spi.Step;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * A CPython-C-API interpreter (CPython 3.9+, PyPy3) in a child process, driven through the old buffer API
 * by a small C extension. A crash or a hang of the interpreter becomes a {@link RuntimeFailure}; the next
 * operation runs on a fresh interpreter (from the first restart on, one started in the background at the restart before;
 * on PyPy a fork of a {@link ForkServer}), and references to objects of the old one are refused as stale.
 *
 * <p>Operations whose answer is known here - building an object (the object number is chosen here), reset, setting
 * the error indicator, a fetch of the error the last call reported, {@code PyBuffer_Release} - are sent without waiting
 * and travel with the next request that needs an answer (see {@link DriverProcess#post}); a refusal among them comes
 * back from that request as a {@link DeferredRefusal}, and {@link #settle()} waits for them all. A call's answer
 * carries the bytes at the address it returned, which the kit reads next.
 *
 * <p>An {@link ObjRef} handle carries a generation (upper 32 bits, bumped by every reset and restart) and the
 * driver's object number (lower 32 bits).
 *
 * <p>The kit uses a runtime from one thread, but a library may not (jqwik's bounded shrinking goes on in a
 * thread of its own after its time is up): every operation holds the runtime's lock from building its request
 * to reading its response, so concurrent callers are served one after the other and never mix their frames.
 * (They still share one interpreter: a reset by one makes the other's objects stale.)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ProcessRuntime implements OldBufferRuntime {

    private final LaunchConfig config;
    /** {@link LaunchConfig#timeoutText()}, made once: every request names its limit. */
    private final String timeoutText;
    private final RuntimeInfo info;
    private final Set<Feature> features;
    private final Protocol.Request request = new Protocol.Request();
    /**
     * How long one of the calls themselves (the four functions, the replacements) may take: a call takes microseconds, so
     * a runtime that has not answered after {@value #LATENCY_FACTOR} round trips' worth has hung - seconds sooner than the
     * user's {@code timeout}, which stays the cap, and the limit of everything else (building objects, reading memory, batches).
     */
    private Duration callLimit;
    private String callLimitText;
    private final long latencyNanos;
    private int hangs;
    /** Round trips measured at start-up, and the margin over the slowest plausible call. */
    static final int LATENCY_PROBES = 31, LATENCY_FACTOR = 20_000;
    /** The call limit is never shorter than this (unless the timeout is): a loaded machine can stall a healthy interpreter. */
    static final Duration CALL_LIMIT_FLOOR = Duration.ofSeconds(2);
    /**
     * After this many calls have hung, the runtime hangs by habit, not by accident: the limit shrinks to
     * {@value #SUSPICIOUS_FACTOR} round trips, at least {@link #SUSPICIOUS_FLOOR}, so that a runtime that hangs on every
     * call of a kind costs a profile seconds per hang, not the call limit each time. A healthy runtime never gets here.
     */
    static final int HANGS_BEFORE_SHORTER_LIMIT = 3, SUSPICIOUS_FACTOR = 2_000;
    static final Duration SUSPICIOUS_FLOOR = Duration.ofMillis(250);
    private volatile DriverProcess driver;
    /**
     * Interpreters for the next restarts, oldest first, started in the background at the restarts before; none before the
     * first. A runtime that crashes once crashes again, often at once (each step of shrinking a crash crashes): PyPy
     * restarts about a hundred times in a documented run and GraalPy thirty, and a start-up then runs while the kit works
     * or waits for another. A runtime that never crashes never starts one. Guarded by itself: {@link #close()}
     * takes no lock of the runtime's.
     */
    private final ArrayDeque<Spare> spares = new ArrayDeque<>();
    /** How many spares a restart leaves starting: two, so that a burst of crashes finds one ready, or nearly. */
    static final int SPARES = 2;
    /** What a restart is told: where the first interpreter found its probe (see the driver's known_probe). */
    private final Map<String, String> restartEnvironment;
    /** Whether the first driver said that restarts may be forked from a fork server (on PyPy). */
    private final boolean forkable;
    /**
     * What forks the restarts where they may be forked: started at the first restart, and dropped (restarts then start
     * afresh) once it fails. Guarded by itself.
     */
    private final Object forkLock = new Object();
    private ForkServer forkServer;
    private boolean forkServerFailed;
    private long generation = 1;
    /** The driver's next object number: chosen here, so that {@link #create} need not wait for the driver's answer. */
    private long nextObject = 1;
    /**
     * The error indicator as the driver holds it, when the last operations tell (a call reports it, a fetch or reset
     * empties it), else null: then {@link #fetchError} need not wait for the answer it knows.
     */
    private Optional<PyError> indicator = Optional.empty();
    /**
     * A fetch whose answer was known (what it checks the driver held), not sent yet, or null: the next request sends it
     * first, and a reset, which empties the indicator itself, drops it. A try that ends fetching the error its call
     * reported, as many do, then does not cross the pipe once more to settle.
     */
    private Optional<PyError> unsentFetch;
    /** The bytes at the address the last call returned, as it returned, until the next request (see {@link Wire#WITH_MEMORY}). */
    private byte[] memoryAfterCall;
    private long memoryAfterCallAt;
    /** Requests made so far: a call answered later tells what it left only if it was the last (see {@link #callLater}). */
    private long requests;
    private volatile boolean closed;

    ProcessRuntime(LaunchConfig config) {
        this.config = config;
        this.timeoutText = config.timeoutText();
        Map<String, String> greeting = new LinkedHashMap<>();
        this.driver = DriverProcess.start(config, greeting);
        try {
            AnswerTape.takenIntoUse(driver);
        } catch (RuntimeException e) {
            driver.close();
            throw e;
        }
        this.restartEnvironment = restartEnvironment(greeting);
        this.forkable = "yes".equals(greeting.get(DriverProcess.FORKS));
        this.features = parseFeatures(greeting.getOrDefault("features", ""));
        Map<String, String> details = new LinkedHashMap<>();
        for (String key : List.of("interpreter", "probe", "probe.path", "abi", "python.version", "platform")) {
            details.put(key, greeting.getOrDefault(key, ""));
        }
        long latency = measureLatencyNanos();
        this.latencyNanos = latency;
        Duration derived = Duration.ofNanos(Math.min(config.timeout().toNanos(),   // the user's timeout caps it
                Math.max(CALL_LIMIT_FLOOR.toNanos(), latency * LATENCY_FACTOR)));
        this.callLimit = derived;
        this.callLimitText = derived.compareTo(config.timeout()) < 0 ? LaunchConfig.text(derived) + " (the call limit)" : timeoutText;
        details.put("timeout", timeoutText + "; calls " + LaunchConfig.text(derived) + " (" + LATENCY_FACTOR + " round trips of "
                + latency / 1000 + " µs, at least " + LaunchConfig.text(CALL_LIMIT_FLOOR) + ", at most the timeout)");
        details.put(DriverProcess.WAITS, driver.spins()
                ? "on a CPU for up to " + config.spin().toNanos() / 1000 + " µs while answers and requests come that fast, then asleep (spin)"
                : config.spin().isZero() ? "asleep (spin=0)" : "asleep (the driver waits on a CPU only in the C probe, on CPython and PyPy)");
        details.put(DriverProcess.TRANSPORT, greeting.getOrDefault(DriverProcess.TRANSPORT, "pipe"));
        details.put(DriverProcess.ANSWERS, greeting.getOrDefault(DriverProcess.ANSWERS, "in Python"));
        details.put("restarts", forkable ? "forked from an interpreter that has loaded the driver (a fork server)"
                : "started afresh");
        if (config.pythonHome() != null) {
            details.put("pythonhome", config.pythonHome().toString());
        }
        this.info = new RuntimeInfo(greeting.getOrDefault("name", "?"), greeting.getOrDefault("version", "?"), details);
    }

    /** The median of {@value #LATENCY_PROBES} round trips of the cheapest request (fetching an empty error indicator). */
    private long measureLatencyNanos() {
        long[] samples = new long[LATENCY_PROBES];
        for (int i = 0; i < samples.length; i++) {
            long t0 = System.nanoTime();
            start(Wire.Op.FETCH_ERROR);
            send(() -> "fetchError()");   // waits, as fetchError() itself need not
            samples[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(samples);
        return samples[samples.length / 2];
    }

    /**
     * How often the kit has waited for an interpreter's answer in this JVM, over every process runtime: a benchmark's
     * measure of the cost on the wire (each wait is a write, a wake-up of the interpreter and one of the JVM).
     */
    public static long roundTrips() {
        return DriverProcess.ROUND_TRIPS.get();
    }

    /** Starts an interpreter with the options of {@link ProcessRuntimeProvider}. */
    public static ProcessRuntime open(Map<String, String> options) {
        return new ProcessRuntime(LaunchConfig.of(options));
    }

    /** The features the driver announced, by {@link Wire}'s names; a name the kit does not know is the adapter's bug. */
    private static Set<Feature> parseFeatures(String names) {
        EnumSet<Feature> set = EnumSet.noneOf(Feature.class);
        for (String name : names.split(",")) {
            if (!name.isBlank()) {
                set.add(Feature.valueOf(name.trim()));
            }
        }
        return Collections.unmodifiableSet(set);
    }

    @Override
    public RuntimeInfo info() {
        return info;
    }

    @Override
    public Set<Feature> features() {
        return features;
    }

    // ---- objects

    @Override
    public synchronized ObjRef create(Fixture fixture) {
        if (fixture instanceof Fixture.Existing x) {   // a handle stands for its object
            objectNumber(x.object());
            return x.object();
        }
        requireFeaturesOf(fixture);
        start(Wire.Op.CREATE);
        long number = nextObject;
        request.u32(number);
        Protocol.encode(fixture, request, this::objectNumber);
        String recipe = fixture.describe();
        post(() -> "create(" + recipe + ")", DeferredRefusal.Operation.CREATE, recipe, r -> {
            long made = r.in.getInt() & 0xffffffffL;
            return made == number ? null : new IllegalStateException("the driver made object " + made + " for " + number);
        });
        nextObject++;
        return new ObjRef(generation << 32 | number, recipe);
    }

    private void requireFeaturesOf(Fixture f) {
        Set<Feature> missing = EnumSet.noneOf(Feature.class);
        missing.addAll(f.features());
        missing.removeAll(features);
        if (!missing.isEmpty()) {
            throw new UnsupportedOperationException(f.describe() + " needs " + missing.stream().map(Enum::name)
                    .collect(Collectors.joining(", ")) + ", which " + info + " (" + info.details().get("probe") + ") does not have");
        }
    }

    /** The driver's object number; refuses references from before the last reset or restart. */
    private long objectNumber(ObjRef ref) {
        if (ref.isNull()) {
            return 0;
        }
        if (ref.handle() >>> 32 != generation) {
            throw new IllegalArgumentException("stale reference to " + ref.kind()
                    + ": it was created before the last reset or restart of " + info);
        }
        return ref.handle() & 0xffffffffL;
    }

    @Override
    public synchronized byte[] contents(ObjRef object) {
        return answerNow(new Step.Contents(object));
    }

    @Override
    public synchronized List<byte[]> contentsOf(List<ObjRef> objects) {
        return answerNow(new Step.ContentsOf(objects));
    }

    @Override
    public synchronized void setItem(ObjRef object, int index, byte value) {
        answerNow(new Step.SetItem(object, index, value));
    }

    @Override
    public synchronized boolean tryResize(ObjRef object) {
        return answerNow(new Step.TryResize(object));
    }

    @Override
    public synchronized boolean tryRelease(ObjRef view) {
        return answerNow(new Step.TryRelease(view));
    }

    @Override
    public synchronized byte[] fileContents(ObjRef mmap) {
        start(Wire.Op.FILE_CONTENTS).u32(objectNumber(mmap));
        return send(() -> "fileContents(" + mmap + ")").raw();
    }

    @Override
    public synchronized long refCount(ObjRef object) {
        return answerNow(new Step.RefCount(object));
    }

    @Override
    public synchronized long totalRefCount() {
        start(Wire.Op.TOTAL_REF_COUNT);
        return send(() -> "totalRefCount()").in.getLong();
    }

    @Override
    public synchronized ExportCounts exportCounts(ObjRef exporter) {
        return answerNow(new Step.ExportCountsOf(exporter));
    }

    // ---- steps answered later

    /**
     * Sends the step without waiting: its answer is read with the next request that waits, or when {@link Pending#get()}
     * asks for it (then with every answer still on its way). A refusal is thrown by {@code get()}, a crash or hang by
     * whichever wait reads the answers. A fetch or read whose answer is known here costs no request, as when made at once.
     */
    @Override
    @SuppressWarnings("unchecked")
    public synchronized <T> Pending<T> later(Step<T> step) {
        if (step instanceof Call c) {
            return (Pending<T>) callLater(c);
        }
        if (step instanceof Step.FetchError && indicator != null
                || step instanceof Step.Read r && memoryKnown(r.address(), r.length())) {
            return Pending.answered(step.runOn(this));
        }
        Asked<T> asked = ask(step);
        Late<T> late = new Late<>();
        postLate(late, asked.what(), asked.call() ? callLimit : config.timeout(), asked.call() ? callLimitText : timeoutText,
                asked.answer());
        return late;
    }

    private Pending<CallResult> callLater(Call c) {
        boolean withMemory = startCall(c.function(), c.object(), c.slots());
        indicator = null;   // known once the answer comes, if nothing else was asked for meanwhile
        long asked = requests;
        Late<CallResult> late = new Late<>();
        postLate(late, () -> describe(c.function(), c.object(), c.slots()), callLimit, callLimitText,
                r -> requests == asked   // the call was the last request: what it left is still there
                        ? callAnswered(r, c.function(), c.object(), c.slots(), withMemory)
                        : readResult(r, c.function(), c.object(), c.slots()));
        return late;
    }

    /** Posts the request built in {@link #request}; its answer, or its refusal, goes to {@code late}. */
    private <T> void postLate(Late<T> late, Supplier<String> what, Duration limit, String limitText,
                              java.util.function.Function<Protocol.Response, T> answer) {
        try {
            driver.post(request, what, limit, limitText, r -> {
                RuntimeException refused = refusal(r, what);
                if (refused == null) {
                    late.answer = Optional.of(answer.apply(r));
                } else {
                    late.refusal = refused;
                }
                return null;
            });
        } catch (RuntimeFailure | DriverProcess.ProtocolError e) {   // the write itself hung (or an earlier answer was bad)
            generation++;
            indicator = null;
            throw e;
        }
    }

    /** An answer on its way from the driver: read by the next wait, or by {@link #get()}. */
    private final class Late<T> implements Pending<T> {
        private Optional<T> answer = Optional.empty();
        private RuntimeException refusal;

        @Override
        public T get() {
            synchronized (ProcessRuntime.this) {
                if (answer.isEmpty() && refusal == null) {
                    awaitLate();
                }
                if (refusal != null) {
                    throw refusal;
                }
                return answer.orElseThrow(() -> new IllegalStateException(
                        "the answer was lost: the interpreter was restarted before it came"));
            }
        }

        @Override
        public Optional<T> ifAnswered() {
            synchronized (ProcessRuntime.this) {
                return answer;
            }
        }
    }

    /** Reads every answer on its way; a hang counts towards a shorter call limit, as a call's own does. */
    private void awaitLate() {
        try {
            settle();
        } catch (RuntimeFailure e) {
            noteHang(e);
            throw e;
        }
    }

    /**
     * A request of a step built in {@link #request}: how to name it, how to read its answer, and whether it makes one of
     * the calls (then within the call limit).
     */
    private record Asked<T>(Supplier<String> what, java.util.function.Function<Protocol.Response, T> answer, boolean call) {
        Asked(Supplier<String> what, java.util.function.Function<Protocol.Response, T> answer) {
            this(what, answer, false);
        }
    }

    /** Sends a step's request and waits for its answer. */
    private <T> T answerNow(Step<T> step) {
        Asked<T> asked = ask(step);
        return asked.answer().apply(asked.call() ? sendCall(asked.what()) : send(asked.what()));
    }

    /** Builds the request of a step other than a call in {@link #request}; one place for each step's request and answer. */
    @SuppressWarnings("unchecked")
    private <T> Asked<T> ask(Step<T> step) {
        Asked<?> asked;
        if (step instanceof Step.FetchError) {
            start(Wire.Op.FETCH_ERROR);
            indicator = Optional.empty();
            asked = new Asked<>(() -> "fetchError()", ProcessRuntime::fetched);
        } else if (step instanceof Step.RefCount s) {
            start(Wire.Op.REF_COUNT).u32(objectNumber(s.object()));
            asked = new Asked<>(() -> "refCount(" + s.object() + ")", r -> r.in.getLong());
        } else if (step instanceof Step.ExportCountsOf s) {
            start(Wire.Op.EXPORT_COUNTS).u32(objectNumber(s.exporter()));
            asked = new Asked<>(() -> "exportCounts(" + s.exporter() + ")", r -> new ExportCounts(r.in.getInt(), r.in.getInt(), r.in.getInt()));
        } else if (step instanceof Step.TryResize s) {
            start(Wire.Op.TRY_RESIZE).u32(objectNumber(s.object()));
            asked = new Asked<>(() -> "tryResize(" + s.object() + ")", r -> r.u8() == 1);
        } else if (step instanceof Step.TryRelease s) {
            start(Wire.Op.TRY_RELEASE).u32(objectNumber(s.view()));
            asked = new Asked<>(() -> "tryRelease(" + s.view() + ")", r -> r.u8() == 1);
        } else if (step instanceof Step.SetItem s) {
            start(Wire.Op.SET_ITEM).u32(objectNumber(s.object())).u32(s.index()).u8(s.value());
            asked = new Asked<>(() -> "setItem(" + s.object() + ", " + s.index() + ")", r -> true);
        } else if (step instanceof Step.Read s) {
            start(Wire.Op.READ).i64(s.address()).u32(s.length());
            asked = new Asked<>(() -> "read(0x" + Long.toHexString(s.address()) + ", " + s.length() + ")", Protocol.Response::raw);
        } else if (step instanceof Step.Write s) {
            start(Wire.Op.WRITE).i64(s.address()).raw(s.data());
            asked = new Asked<>(() -> "write(0x" + Long.toHexString(s.address()) + ", " + s.data().length + " bytes)", r -> true);
        } else if (step instanceof Step.Contents s) {
            start(Wire.Op.CONTENTS).u32(objectNumber(s.object()));
            asked = new Asked<>(() -> "contents(" + s.object() + ")", Protocol.Response::raw);
        } else if (step instanceof Step.ContentsOf s) {
            start(Wire.Op.CONTENTS_BATCH).u32(s.objects().size());
            for (ObjRef o : s.objects()) {
                request.u32(objectNumber(o));
            }
            asked = new Asked<>(() -> "contents of " + s.objects().size() + " objects", r -> {
                List<byte[]> all = new ArrayList<>(s.objects().size());
                for (int i = 0; i < s.objects().size(); i++) {
                    all.add(r.raw());
                }
                return all;
            });
        } else if (step instanceof Step.AcquireAndRelease s) {
            start(Wire.Op.ACQUIRE_AND_RELEASE).u8(Wire.code(s.call())).u32(objectNumber(s.object()));
            indicator = null;   // as for acquire
            asked = new Asked<>(() -> describe(s.call(), s.object()) + " and PyBuffer_Release",
                    r -> acquired(r, s.call(), s.object()), true);
        } else if (step instanceof Step.CheckBuffer s) {
            start(Wire.Op.CHECK_BUFFER).u32(objectNumber(s.object()));
            asked = new Asked<>(() -> "PyObject_CheckBuffer(" + s.object().kind() + ")", r -> r.in.getInt(), true);
        } else {
            throw new IllegalArgumentException("no request for " + step);   // a call: see callLater
        }
        return (Asked<T>) asked;
    }

    // ---- calls

    @Override
    public synchronized CallResult call(Function function, ObjRef object, OutSlots slots) {
        boolean withMemory = startCall(function, object, slots);
        return callAnswered(sendCall(() -> describe(function, object, slots)), function, object, slots, withMemory);
    }

    /** Builds a call's request in {@link #request}; true when its answer brings the bytes at the address it returns. */
    private boolean startCall(Function function, ObjRef object, OutSlots slots) {
        boolean withMemory = function.hasOutParameters() && features.contains(Feature.MEMORY_READ);
        appendCall(start(Wire.Op.CALL), function, object, slots, withMemory);
        return withMemory;
    }

    /** Reads the answer of the last request, a call, and keeps what it left: the error indicator and its memory. */
    private CallResult callAnswered(Protocol.Response r, Function function, ObjRef object, OutSlots slots, boolean withMemory) {
        CallResult result = readResult(r, function, object, slots);
        indicator = result.error();
        if (withMemory && r.u8() == 1) {
            memoryAfterCall = r.raw();
            memoryAfterCallAt = result.buffer();
        }
        return result;
    }

    /** Sends the calls in frames of up to {@value Protocol#MAX_BATCH}; each frame gets the per-call timeout. */
    @Override
    public synchronized List<CallResult> callAll(List<Call> calls) {
        List<CallResult> results = new ArrayList<>(calls.size());
        for (int from = 0; from < calls.size(); from += Wire.MAX_BATCH) {
            List<Call> chunk = calls.subList(from, Math.min(calls.size(), from + Wire.MAX_BATCH));
            start(Wire.Op.CALL_BATCH).u32(chunk.size());
            for (Call c : chunk) {
                appendCall(request, c.function(), c.object(), c.slots(), false);
            }
            int base = from;
            Protocol.Response r = send(() -> {
                int i = driver.batchProgress();
                return i >= 0 && i < chunk.size()
                        ? describe(chunk.get(i).function(), chunk.get(i).object(), chunk.get(i).slots())
                                + " (call " + (base + i + 1) + " of " + calls.size() + " in callAll)"
                        : "callAll of " + calls.size() + " calls";
            });
            for (Call c : chunk) {
                results.add(readResult(r, c.function(), c.object(), c.slots()));
            }
            indicator = results.get(results.size() - 1).error();
        }
        return results;
    }

    private void appendCall(Protocol.Request r, Function function, ObjRef object, OutSlots slots, boolean withMemory) {
        Protocol.encodeCall(r, function, object.isNull(), objectNumber(object), slots, withMemory);
    }

    private static CallResult readResult(Protocol.Response r, Function function, ObjRef object, OutSlots slots) {
        int rc = r.in.getInt();
        long buffer = r.in.getLong();
        long length = r.in.getLong();
        Optional<PyError> error = r.u8() == 1 ? Optional.of(new PyError(r.text(), r.text())) : Optional.empty();
        return new CallResult(function, object, slots, rc, buffer, length, error);
    }

    private static String describe(Function function, ObjRef object, OutSlots slots) {
        return function.cName() + "(" + object.kind() + (function.hasOutParameters()
                ? ", " + (slots.bufferIsNull() ? "NULL" : "&buf") + ", " + (slots.lengthIsNull() ? "NULL" : "&len") : "")
                + ")";
    }

    // ---- the new buffer API

    @Override
    public synchronized Acquisition acquire(Replacement call, ObjRef object) {
        start(Wire.Op.ACQUIRE).u8(Wire.code(call)).u32(objectNumber(object));
        indicator = null;   // the C probe empties it, the ctypes fallback keeps what was held
        return acquired(sendCall(() -> describe(call, object)), call, object);
    }

    /** A replacement call as C code would make it, on the object's kind. */
    private static String describe(Replacement call, ObjRef object) {
        return call.cCall().replace("obj", object.kind());
    }

    /** Reads the answer of {@code call} on {@code object}: what it handed over, and the view it left held, if any. */
    private Acquisition acquired(Protocol.Response r, Replacement call, ObjRef object) {
        int rc = r.in.getInt();
        long buf = r.in.getLong();
        long len = r.in.getLong();
        boolean readonly = r.u8() == 1;
        long itemsize = r.in.getLong();
        int ndim = r.in.getInt();
        boolean cContiguous = r.u8() == 1;
        boolean oneSegment = r.u8() == 1;
        long view = r.in.getInt() & 0xffffffffL;
        Optional<PyError> error = r.u8() == 1 ? Optional.of(new PyError(r.text(), r.text())) : Optional.empty();
        if (!call.accepted(rc)) {
            return Acquisition.refused(call, object, rc, error);
        }
        return new Acquisition(call, object, rc, buf, len, readonly, itemsize, ndim, cContiguous, oneSegment, error,
                view == 0 ? 0 : generation << 32 | view);
    }

    @Override
    public synchronized void release(Acquisition held) {
        if (held.view() == 0 || held.view() >>> 32 != generation) {
            throw new IllegalArgumentException("no view held for " + held + " (none was, or it is from before the last reset)");
        }
        start(Wire.Op.RELEASE_VIEW).u32(held.view() & 0xffffffffL);
        String what = "PyBuffer_Release(&view of " + held.object().kind() + ")";
        post(() -> what, callLimit, callLimitText, DeferredRefusal.Operation.RELEASE, held.toString(), r -> null);
    }

    @Override
    public synchronized int checkBuffer(ObjRef object) {
        return answerNow(new Step.CheckBuffer(object));
    }

    // ---- error indicator and memory

    @Override
    public synchronized void setError(PyError error) {
        if (!features.contains(Feature.PRESET_ERROR)) {   // said now: the driver's refusal would come with a later answer
            throw new UnsupportedOperationException(info + " (" + info.details().get("probe") + ") does not set the error indicator"
                    + " (Feature.PRESET_ERROR)");
        }
        start(Wire.Op.SET_ERROR).text(error.type()).text(error.message());
        indicator = null;   // as Python shows the exception: str(KeyError('k')) is "'k'"
        post(() -> "setError(" + error + ")", DeferredRefusal.Operation.SET_ERROR, error.toString(), r -> null);
    }

    @Override
    public synchronized Optional<PyError> fetchError() {
        Optional<PyError> known = indicator;
        if (known != null) {   // the answer is known: the request only empties the indicator, and checks that it held that
            indicator = Optional.empty();
            if (unsentFetch == null) {   // else this is a second fetch in a row, of the indicator the first one empties
                unsentFetch = known;
            }
            return known;
        }
        return answerNow(new Step.FetchError());
    }

    /** Sends {@link #unsentFetch} ahead of a request of {@code next}; drops it ahead of a reset. */
    private void sendUnsentFetch(Wire.Op next) {
        Optional<PyError> known = unsentFetch;
        unsentFetch = null;
        if (known == null || next == Wire.Op.RESET) {
            return;
        }
        request.start(Wire.Op.FETCH_ERROR);
        post(() -> "fetchError()", DeferredRefusal.Operation.FETCH_ERROR, "", r -> {
            Optional<PyError> held = fetched(r);
            return held.equals(known) ? null
                    : new IllegalStateException("the driver held " + held + " where the last operations left " + known);
        });
    }

    private static Optional<PyError> fetched(Protocol.Response r) {
        return r.u8() == 1 ? Optional.of(new PyError(r.text(), r.text())) : Optional.empty();
    }

    @Override
    public synchronized byte[] read(long address, int length) {
        if (length == 0) {
            return new byte[0];   // at any address, as the SPI says
        }
        if (memoryKnown(address, length)) {
            long offset = address - memoryAfterCallAt;
            return Arrays.copyOfRange(memoryAfterCall, (int) offset, (int) offset + length);   // nothing ran since the call
        }
        return answerNow(new Step.Read(address, length));
    }

    /** Whether a read of these bytes needs no request: none at all, or within what the last call brought back. */
    private boolean memoryKnown(long address, int length) {
        long offset = address - memoryAfterCallAt;
        return length == 0 || memoryAfterCall != null && offset >= 0 && offset + length <= memoryAfterCall.length;
    }

    @Override
    public synchronized void write(long address, byte[] data) {
        answerNow(new Step.Write(address, data));
    }

    // ---- life cycle

    @Override
    public synchronized void reset() {
        generation++;
        indicator = Optional.empty();
        if (!closed && !driver.dead()) {
            start(Wire.Op.RESET);
            post(() -> "reset()", DeferredRefusal.Operation.RESET, "", r -> null);
        } else {
            ensureRunning();
        }
    }

    @Override
    public synchronized void settle() {
        if (!closed && !driver.dead()) {
            try {
                driver.settle();
            } catch (RuntimeFailure | DriverProcess.ProtocolError e) {
                generation++;   // the objects died with the interpreter
                indicator = null;
                throw e;
            }
        }
    }

    @Override
    public void close() {   // without the lock: ends another thread's wait for a hung interpreter at once
        closed = true;
        driver.close();
        closeSpares();
        synchronized (forkLock) {   // after the drivers: their parent tells how they end
            forkServerFailed = true;
            if (forkServer != null) {
                forkServer.close();
            }
        }
    }

    /** Test hook: the driver sleeps (a hang, as far as the timeout can tell). */
    synchronized void sleepInDriver(double seconds) {
        start(Wire.Op.SLEEP).f64(seconds);
        send(() -> "sleep(" + seconds + ")");
    }

    /**
     * Test hook: the driver breaks the protocol after answering: {@link Protocol#SWALLOW_NEXT} reads the next request
     * and leaves it unanswered (both sides then wait for each other, as after a desynchronisation),
     * {@link Protocol#ANSWER_TWICE} answers twice, {@link Protocol#STOP_READING} stops reading its stdin.
     */
    synchronized void desyncDriver(Wire.Desync mode) {
        start(Wire.Op.DESYNC).u8(mode.code);
        send(() -> "desync(" + mode + ")");
    }

    /** Test hook: the current interpreter's process id. */
    synchronized long driverPid() {
        ensureRunning();
        return driver.pid();
    }

    /** Test hook: the fork server's process id, or -1 while there is none. */
    long forkServerPid() {
        synchronized (forkLock) {
            return forkServer == null ? -1 : forkServer.pid();
        }
    }

    /** Test hook: the driver dies of SIGSEGV. */
    synchronized void crashDriver() {
        start(Wire.Op.CRASH);
        send(() -> "crash()");
    }

    private Protocol.Request start(Wire.Op op) {
        memoryAfterCall = null;   // any request may change memory
        requests++;
        ensureRunning();
        sendUnsentFetch(op);
        return request.start(op);
    }

    private void ensureRunning() {
        if (closed) {
            throw new IllegalStateException(info + " is closed");
        }
        if (driver.dead()) {
            driver.close();
            nextObject = 1;
            indicator = Optional.empty();
            unsentFetch = null;   // the new interpreter holds no error
            driver = takeSpare();
            AnswerTape.takenIntoUse(driver);
            synchronized (spares) {
                while (spares.size() < SPARES) {
                    spares.add(Spare.start(this::restarted));
                }
            }
            if (closed) {   // closed meanwhile by another thread
                driver.close();
                closeSpares();
                throw new IllegalStateException(info + " is closed");
            }
        }
    }

    /** A fresh interpreter: forked where it may be, else started; handed to {@code spawned} as soon as it runs. */
    private DriverProcess restarted(Consumer<Process> spawned) {
        ForkServer server = forkServer();
        if (server != null) {
            try {
                return DriverProcess.forked(config, server, new LinkedHashMap<>(), spawned);
            } catch (ImplementationUnavailableException e) {
                dropForkServer(server);   // a start reports what is wrong, if anything is
            }
        }
        return DriverProcess.start(config, new LinkedHashMap<>(), restartEnvironment, spawned);
    }

    /** The fork server, started now if the runtime may fork and none failed; null otherwise. */
    private ForkServer forkServer() {
        if (!forkable) {
            return null;
        }
        synchronized (forkLock) {
            if (forkServer == null && !forkServerFailed) {
                try {
                    forkServer = ForkServer.start(config, restartEnvironment);
                } catch (ImplementationUnavailableException e) {
                    forkServerFailed = true;
                }
            }
            return forkServer;
        }
    }

    private void dropForkServer(ForkServer server) {
        synchronized (forkLock) {
            forkServerFailed = true;
            if (forkServer == server) {
                forkServer = null;
            }
        }
        server.close();
    }

    /**
     * The oldest spare, once it has greeted, if it is still alive; else an interpreter started now (whose failure to
     * start is then the one reported, as without spares).
     */
    private DriverProcess takeSpare() {
        Spare next;
        synchronized (spares) {
            next = spares.poll();
        }
        DriverProcess d = next == null ? null : started(next.started);
        if (d != null && d.alive()) {
            return d;
        }
        if (d != null) {
            d.close();
        }
        return restarted(process -> { });
    }

    /** The spare once it has started, or null when it could not. */
    private static DriverProcess started(CompletableFuture<DriverProcess> spare) {
        try {
            return spare.join();
        } catch (CompletionException e) {
            return null;
        }
    }

    /** Ends the spares, started or still starting, so that none outlives the runtime. */
    private void closeSpares() {
        List<Spare> all;
        synchronized (spares) {
            all = new ArrayList<>(spares);
            spares.clear();
        }
        all.forEach(Spare::end);
    }

    /**
     * An interpreter starting in the background for a later restart. Closing the runtime ends it at once, greeted or not:
     * waiting for its greeting first cost a GraalPy run up to 3 s at its close, and two starts' CPU.
     */
    private static final class Spare {
        private CompletableFuture<DriverProcess> started;   // set before the spare is shared (through the deque's lock)
        private Process process;   // once spawned
        private boolean ended;

        static Spare start(java.util.function.Function<Consumer<Process>, DriverProcess> restarted) {
            Spare spare = new Spare();
            spare.started = CompletableFuture.supplyAsync(() -> restarted.apply(spare::spawned), SPARE_STARTER);
            return spare;
        }

        private synchronized void spawned(Process p) {
            process = p;
            if (ended) {
                p.destroyForcibly();
            }
        }

        /** Kills the interpreter, then closes what its start left: its greeting fails at once, if it had not come. */
        void end() {
            synchronized (this) {
                ended = true;
                if (process != null) {
                    process.destroyForcibly();
                }
            }
            DriverProcess d = started(started);
            if (d != null) {
                d.close();
            }
        }
    }

    /** Starts spares in threads of their own that do not keep the JVM alive. */
    private static final Executor SPARE_STARTER = task -> {
        Thread t = new Thread(task, "oldbuffer-spare-interpreter");
        t.setDaemon(true);
        t.start();
    };

    /**
     * What a restart is told: that it is one (the kit knows the interpreter from the first greeting, so a restart greets
     * with how it serves alone), and the probes the first driver loaded, to load without looking for them again.
     */
    private static Map<String, String> restartEnvironment(Map<String, String> greeting) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OLDBUFFER_RESTART", "1");
        if ("c-extension".equals(greeting.get("probe"))) {
            env.put("OLDBUFFER_KNOWN_PROBE", greeting.getOrDefault("probe.path", ""));
            env.put("OLDBUFFER_KNOWN_ABI3", greeting.getOrDefault("abi3.path", ""));
        }
        return Map.copyOf(env);
    }

    /** Sends the request built in {@link #request}; turns a refusal status into the SPI's exception. */
    private Protocol.Response send(Supplier<String> what) {
        return send(what, config.timeout(), timeoutText);
    }

    /** {@link #send(Supplier)} for one of the calls themselves: within the call limit. */
    private Protocol.Response sendCall(Supplier<String> what) {
        try {
            return send(what, callLimit, callLimitText);
        } catch (RuntimeFailure e) {
            noteHang(e);
            throw e;
        }
    }

    /** Counts a hang; after {@value #HANGS_BEFORE_SHORTER_LIMIT}, calls get a shorter limit. */
    private void noteHang(RuntimeFailure e) {
        if (e.kind() == RuntimeFailure.Kind.TIMED_OUT && ++hangs == HANGS_BEFORE_SHORTER_LIMIT) {
            Duration shorter = Duration.ofNanos(Math.max(SUSPICIOUS_FLOOR.toNanos(), latencyNanos * SUSPICIOUS_FACTOR));
            if (shorter.compareTo(callLimit) < 0) {
                callLimit = shorter;
                callLimitText = LaunchConfig.text(shorter) + " (the call limit, shortened after " + hangs + " calls hung)";
            }
        }
    }

    private Protocol.Response send(Supplier<String> what, Duration limit, String limitText) {
        Protocol.Response r;
        try {
            r = driver.exchange(request, what, limit, limitText);
        } catch (RuntimeFailure | DriverProcess.ProtocolError e) {
            generation++;   // the objects died with the interpreter
            indicator = null;
            throw e;
        } catch (RuntimeException e) {   // a posted request's refusal, thrown in place of this answer
            indicator = null;
            throw e;
        }
        RuntimeException refused = refusal(r, what);
        if (refused != null) {
            throw refused;
        }
        return r;
    }

    /**
     * Sends the request built in {@link #request} without waiting for its answer (see {@link DriverProcess#post}): for an
     * operation whose answer is known here. A refusal reaches the kit from the next operation that waits, as a
     * {@link DeferredRefusal} of {@code operation} on {@code argument}; {@code check} looks at an answer that is OK.
     */
    private void post(Supplier<String> what, DeferredRefusal.Operation operation, String argument,
                      java.util.function.Function<Protocol.Response, RuntimeException> check) {
        post(what, config.timeout(), timeoutText, operation, argument, check);
    }

    /** {@link #post(Supplier, DeferredRefusal.Operation, String, java.util.function.Function)} within {@code limit}. */
    private void post(Supplier<String> what, Duration limit, String limitText, DeferredRefusal.Operation operation, String argument,
                      java.util.function.Function<Protocol.Response, RuntimeException> check) {
        try {
            driver.post(request, what, limit, limitText, r -> {
                RuntimeException refused = refusal(r, what);
                return refused == null ? check.apply(r)
                        : refused instanceof IllegalStateException ? refused : new DeferredRefusal(operation, argument, refused);
            });
        } catch (RuntimeFailure | DriverProcess.ProtocolError e) {   // the write itself hung (or an earlier answer was bad)
            generation++;
            indicator = null;
            throw e;
        }
    }

    /** A refusal status as the SPI's exception; null for OK. */
    private static RuntimeException refusal(Protocol.Response r, Supplier<String> what) {
        Wire.Status status = Wire.Status.of(r.status);
        if (status == Wire.Status.OK) {
            return null;
        }
        String message = r.text();
        return switch (status) {
            case ILLEGAL_ARGUMENT -> new IllegalArgumentException(message);
            case UNSUPPORTED -> new UnsupportedOperationException(message);
            case MEMORY_ACCESS -> new MemoryAccessException(message);
            case UNAVAILABLE -> new ImplementationUnavailableException(message);
            case OK, INTERNAL -> new IllegalStateException("driver error during " + what.get() + ": " + message);
        };
    }
}
