package dev.oldbuffer.adapter.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.DeferredRefusal;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.ImplementationUnavailableException;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.spi.OldBufferRuntime.Call;
import dev.oldbuffer.spi.OutSlots;
import dev.oldbuffer.spi.PyError;
import dev.oldbuffer.spi.Replacement;
import dev.oldbuffer.spi.RuntimeFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The wire between the JVM and the driver: whatever the child does (reads without answering, answers twice, stops
 * reading, never greets) and however the runtime is called (from two threads at once, with big or non-ASCII
 * payloads), every wait ends within the time limit, and the next operation runs on a fresh interpreter.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ProtocolRobustnessTest {

    private static final Map<String, String> ONE_SECOND = Map.of(LaunchConfig.TIMEOUT, "1");

    @TempDir
    Path tmp;

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The process has exited (or was never there). */
    static void assertGone(long pid) {
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("process %d", pid).isEmpty();
    }

    /** After a failure, the runtime carries on with a new interpreter. */
    private static void assertWorksAgain(ProcessRuntime rt, long oldPid) {
        assertGone(oldPid);
        ObjRef fresh = rt.create(Fixture.bytearray(new byte[7]));
        assertThat(rt.call(Function.AS_WRITE_BUFFER, fresh, OutSlots.sentinels()).length()).isEqualTo(7);
        assertThat(rt.driverPid()).isNotEqualTo(oldPid);
    }

    /** The hang seen in a PyPy run: the driver waits on its stdin for a request the JVM thinks it has answered. */
    @ParameterizedTest
    @DrivenRuntimes
    void aRequestReadButNeverAnsweredTimesOut(TestRuntime which) {
        try (ProcessRuntime rt = which.open(ONE_SECOND)) {
            rt.create(Fixture.bytes(new byte[3]));
            rt.desyncDriver(Wire.Desync.SWALLOW_NEXT);
            long pid = rt.driverPid();
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> {
                rt.reset();   // sent without waiting: the wait for it ends
                rt.settle();
            }).isInstanceOfSatisfying(RuntimeFailure.class, f -> assertThat(f.kind()).isEqualTo(RuntimeFailure.Kind.TIMED_OUT))
                    .hasMessageStartingWith("timed out after 1 s during reset(); the interpreter was killed");
            assertThat(secondsSince(t0)).isBetween(0.9, 5.0);
            assertWorksAgain(rt, pid);
        }
    }

    /** Every kind of request, small or large, gets the same bound. */
    @ParameterizedTest
    @EnumSource(value = TestRuntime.class, names = {"PYTHON3", "PYPY3"})
    void everyKindOfRequestIsBounded(TestRuntime which) {
        byte[] big = new byte[64 * 1024 + 1];
        new Random(7).nextBytes(big);
        try (ProcessRuntime rt = which.open(ONE_SECOND)) {
            // each entry prepares what it needs, then names the request that goes unanswered
            List<java.util.function.Function<ObjRef, ThrowingCallable>> requests = List.of(
                    o -> settled(() -> rt.create(Fixture.bytes(big)), rt),
                    o -> settled(() -> rt.create(new Fixture.Sliced(Fixture.memoryview(Fixture.bytearray(big)), 1, null, 3)), rt),
                    o -> () -> rt.contents(o),
                    o -> () -> rt.call(Function.AS_READ_BUFFER, o, OutSlots.sentinels()),
                    o -> () -> rt.callAll(Collections.nCopies(10_000, new Call(Function.CHECK_READ_BUFFER, o, OutSlots.sentinels()))),
                    o -> () -> rt.setItem(o, 1, (byte) 1),
                    o -> () -> rt.tryResize(o),
                    o -> settled(() -> rt.setError(new PyError("ValueError", "déjà vu €")), rt),
                    o -> {   // a fetch after a replacement call, whose answer the kit does not know: it waits for it (a
                        rt.acquire(Replacement.GET_BUFFER_SIMPLE, o);   // known one travels ahead of the next request)
                        return rt::fetchError;
                    },
                    o -> {
                        long address = rt.call(Function.AS_WRITE_BUFFER, o, OutSlots.sentinels()).buffer();
                        return () -> rt.write(address, big);
                    },
                    o -> () -> rt.read(rt.call(Function.AS_WRITE_BUFFER, o, OutSlots.sentinels()).buffer(), big.length),
                    o -> settled(rt::reset, rt));
            for (var request : requests) {
                ThrowingCallable unanswered = request.apply(rt.create(Fixture.bytearray(big)));
                rt.desyncDriver(Wire.Desync.SWALLOW_NEXT);
                assertTimesOut(unanswered, rt.driverPid());
            }
            ObjRef fresh = rt.create(Fixture.bytes(big));
            assertThat(rt.contents(fresh)).isEqualTo(big);
        }
    }

    /** An operation sent without waiting (create, setError, reset), and the wait for it. */
    private static ThrowingCallable settled(ThrowingCallable posted, ProcessRuntime rt) {
        return () -> {
            posted.call();
            rt.settle();
        };
    }

    private static void assertTimesOut(ThrowingCallable operation, long pid) {
        long t0 = System.nanoTime();
        assertThatThrownBy(operation)
                .isInstanceOfSatisfying(RuntimeFailure.class, f -> assertThat(f.kind()).isEqualTo(RuntimeFailure.Kind.TIMED_OUT))
                .hasMessageStartingWith("timed out after 1 s during ");
        assertThat(secondsSince(t0)).isLessThan(5.0);
        assertGone(pid);
    }

    /** A write into a pipe nobody reads is bounded too: the watchdog guards the request from its first byte. */
    @ParameterizedTest
    @EnumSource(value = TestRuntime.class, names = {"PYTHON3", "PYPY3"})
    void aDriverThatStopsReadingCannotBlockTheWrite(TestRuntime which) {
        try (ProcessRuntime rt = which.open(ONE_SECOND)) {
            rt.desyncDriver(Wire.Desync.STOP_READING);
            long pid = rt.driverPid();
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> rt.create(Fixture.bytes(new byte[8 << 20])))   // far more than a pipe holds
                    .isInstanceOfSatisfying(RuntimeFailure.class, f -> assertThat(f.kind()).isEqualTo(RuntimeFailure.Kind.TIMED_OUT))
                    .hasMessageStartingWith("timed out after 1 s during create(bytes(8388608))");
            assertThat(secondsSince(t0)).isLessThan(5.0);
            assertWorksAgain(rt, pid);
        }
    }

    /** An answer nobody asked for is never taken as the answer to the next request. */
    @ParameterizedTest
    @EnumSource(value = TestRuntime.class, names = {"PYTHON3", "PYPY3"})
    void anAnswerNobodyAskedForIsAProtocolError(TestRuntime which) {
        try (ProcessRuntime rt = which.open(Map.of())) {
            ObjRef before = rt.create(Fixture.bytes(new byte[3]));
            rt.desyncDriver(Wire.Desync.ANSWER_TWICE);
            long pid = rt.driverPid();
            assertThatThrownBy(() -> rt.contents(before))
                    .isInstanceOf(DriverProcess.ProtocolError.class)
                    .hasMessageStartingWith("protocol error during contents(")
                    .hasMessageContaining("arrived while no request was waiting");
            assertThatThrownBy(() -> rt.contents(before)).hasMessageContaining("stale");
            assertWorksAgain(rt, pid);
        }
    }

    /** Start-up is bounded as well, by its own (longer) limit: a child that never greets is killed. */
    @Test
    void aDriverThatNeverGreetsTimesOutAtStartUp() throws IOException {
        Path script = tmp.resolve("silent-python");
        // reads its stdin and never answers, its stdout (kept as fd 3) open
        Files.writeString(script, "#!/bin/sh\nexec cat 3>&1 1>&2\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> ProcessRuntime.open(Map.of(LaunchConfig.PYTHON, script.toString(),
                LaunchConfig.CACHE, tmp.resolve("cache").toString(), LaunchConfig.STARTUP, "1", LaunchConfig.TIMEOUT, "1")))
                .isInstanceOf(ImplementationUnavailableException.class)
                .hasMessageContaining("could not start the driver: timed out after 1 s during start-up");
        assertThat(secondsSince(t0)).isLessThan(10.0);
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.info().command().orElse("")).filter(c -> c.endsWith("/cat"))).isEmpty();
    }

    @Test
    void theStartUpLimitIsAnOptionAndNeverShorterThanTheTimeout() {
        assertThat(LaunchConfig.of(Map.of()).startup()).hasSeconds(120);
        assertThat(LaunchConfig.of(Map.of(LaunchConfig.STARTUP, "2.5", LaunchConfig.TIMEOUT, "1")).startupText())
                .isEqualTo("2.5 s");
        assertThat(LaunchConfig.of(Map.of(LaunchConfig.STARTUP, "1", LaunchConfig.TIMEOUT, "30")).startup()).hasSeconds(30);
        assertThatThrownBy(() -> LaunchConfig.of(Map.of(LaunchConfig.STARTUP, "-1")))
                .isInstanceOf(ImplementationUnavailableException.class).hasMessageContaining("startup");
        assertThatThrownBy(() -> LaunchConfig.of(Map.of(LaunchConfig.TIMEOUT, "1e300")))
                .isInstanceOf(ImplementationUnavailableException.class).hasMessageContaining("timeout");
    }

    /** Closing the runtime ends another thread's wait for a hung interpreter at once, not at its deadline. */
    @Test
    void closingFromAnotherThreadEndsAWaitAtOnce() throws Exception {
        ProcessRuntime rt = TestRuntime.PYTHON3.open(Map.of(LaunchConfig.TIMEOUT, "60"));
        long pid = rt.driverPid();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> hung = pool.submit(() -> rt.sleepInDriver(120));
            Thread.sleep(500);
            long t0 = System.nanoTime();
            rt.close();
            assertThatThrownBy(() -> hung.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed during sleep(120.0)");
            assertThat(secondsSince(t0)).isLessThan(5.0);
            assertGone(pid);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Several threads on one runtime, as a library may use it (jqwik's time-bounded shrinking goes on in a thread of
     * its own after its time is up; the kit itself shrinks in the calling thread): each operation is served whole, so the only interference is the one the
     * SPI defines (a reset by one thread makes the other's objects stale), never a mixed-up stream or a hang.
     */
    @ParameterizedTest
    @EnumSource(value = TestRuntime.class, names = {"PYTHON3", "PYPY3"})
    void concurrentCallersNeverMixTheirFrames(TestRuntime which) throws Exception {
        try (ProcessRuntime rt = which.open(Map.of())) {
            assertThat(runTogether(worker(rt, 0, false), worker(rt, 1, false), worker(rt, 2, false), worker(rt, 3, false)))
                    .isPositive();
        }
    }

    /**
     * The situation of the PyPy run that hung: a thread left behind keeps resetting and calling while another
     * goes on. Objects go stale, as the SPI says; the stream stays in step.
     */
    @ParameterizedTest
    @EnumSource(value = TestRuntime.class, names = {"PYTHON3", "PYPY3"})
    void aThreadThatResetsWhileAnotherCallsLeavesOnlyStaleReferences(TestRuntime which) throws Exception {
        try (ProcessRuntime rt = which.open(Map.of())) {
            assertThat(runTogether(worker(rt, 10, true), worker(rt, 11, true))).isPositive();
            ObjRef after = rt.create(Fixture.bytes(new byte[9]));
            assertThat(rt.call(Function.AS_READ_BUFFER, after, OutSlots.sentinels()).length()).isEqualTo(9);
        }
    }

    /** Runs the workers in threads of their own and sums what they checked. */
    @SafeVarargs
    private static int runTogether(Callable<Integer>... workers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers.length);
        try {
            List<Future<Integer>> running = new ArrayList<>();
            for (Callable<Integer> w : workers) {
                running.add(pool.submit(w));
            }
            int checked = 0;
            for (Future<Integer> w : running) {
                checked += w.get(3, TimeUnit.MINUTES);
            }
            return checked;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Creates objects of known contents and checks every answer; a stale reference (another's reset) is allowed. */
    private static Callable<Integer> worker(ProcessRuntime rt, int seed, boolean resets) {
        return () -> {
            Random random = new Random(seed);
            int checked = 0;
            for (int i = 0; i < 150; i++) {
                byte[] data = new byte[random.nextInt(70_000)];
                random.nextBytes(data);
                try {
                    if (resets && seed % 2 == 0 && i % 10 == 0) {
                        rt.reset();
                    }
                    ObjRef o = rt.create(Fixture.bytearray(data));
                    assertThat(rt.contents(o)).isEqualTo(data);
                    CallResult r = rt.call(Function.AS_WRITE_BUFFER, o, OutSlots.sentinels());
                    assertThat(r.length()).isEqualTo(data.length);
                    if (data.length > 0 && !resets) {   // raw memory: freed by another thread's reset
                        assertThat(rt.read(r.buffer(), data.length)).isEqualTo(data);
                    }
                    List<CallResult> batch = rt.callAll(Collections.nCopies(1 + random.nextInt(5000),
                            new Call(Function.AS_READ_BUFFER, o, OutSlots.sentinels())));
                    assertThat(batch).allSatisfy(b -> assertThat(b.length()).isEqualTo(data.length));
                    ObjRef text = rt.create(Fixture.str("naïve € 😀 " + i));
                    assertThat(rt.call(Function.AS_CHAR_BUFFER, text, OutSlots.sentinels()).error()).isPresent();
                    checked++;
                } catch (IllegalArgumentException e) {
                    assertThat(e).hasMessageContaining("stale reference");
                }
            }
            return checked;
        };
    }

    /** Payloads well past the buffers and the pipe, and text that is not ASCII, keep their exact bytes. */
    @ParameterizedTest
    @EnumSource(value = TestRuntime.class, names = {"PYTHON3", "PYPY3"})
    void bigAndNonAsciiPayloadsRoundTrip(TestRuntime which) {
        ProcessRuntime rt = which.shared();
        byte[] data = new byte[(1 << 20) + 3];
        new Random(42).nextBytes(data);
        ObjRef o = rt.create(Fixture.bytearray(data));
        assertThat(rt.contents(o)).isEqualTo(data);
        long address = rt.call(Function.AS_WRITE_BUFFER, o, OutSlots.sentinels()).buffer();
        byte[] other = new byte[data.length];
        new Random(43).nextBytes(other);
        rt.write(address, other);
        assertThat(rt.read(address, other.length)).isEqualTo(other);
        PyError error = new PyError("ValueError", "ünïcödé € 😀 end");
        rt.setError(error);
        assertThat(rt.fetchError()).contains(error);
        assertThat(rt.fetchError()).isEmpty();
        assertThatThrownBy(() -> {
            rt.setError(new PyError("ValueError", "nul \u0000 inside"));
            rt.settle();
        }).isInstanceOf(DeferredRefusal.class).hasMessageContaining("cannot contain NUL")
                .cause().isInstanceOf(IllegalArgumentException.class);
    }
}
