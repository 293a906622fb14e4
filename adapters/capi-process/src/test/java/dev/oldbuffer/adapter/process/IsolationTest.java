package dev.oldbuffer.adapter.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.MemoryAccessException;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.spi.OldBufferRuntime.Call;
import dev.oldbuffer.spi.OutSlots;
import dev.oldbuffer.spi.RuntimeFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A crash or a hang of the interpreter fails one operation; the runtime carries on with a fresh interpreter. */
class IsolationTest {

    @ParameterizedTest
    @DrivenRuntimes
    void aHangTimesOutAndTheNextResetStartsAFreshInterpreter(TestRuntime which) {
        try (ProcessRuntime rt = which.open(Map.of(LaunchConfig.TIMEOUT, "1"))) {
            ObjRef before = rt.create(Fixture.bytes(new byte[3]));
            long start = System.nanoTime();
            assertThatThrownBy(() -> rt.sleepInDriver(60))
                    .isInstanceOfSatisfying(RuntimeFailure.class, f -> assertThat(f.kind()).isEqualTo(RuntimeFailure.Kind.TIMED_OUT))
                    .hasMessageStartingWith("timed out after 1 s during sleep(60.0)");
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
            rt.reset();
            assertThatThrownBy(() -> rt.contents(before)).hasMessageContaining("stale");
            ObjRef after = rt.create(Fixture.bytes(new byte[3]));
            assertThat(rt.call(Function.AS_CHAR_BUFFER, after, OutSlots.sentinels()).returnValue()).isZero();
        }
    }

    @ParameterizedTest
    @DrivenRuntimes
    void aCrashIsReportedWithItsSignalAndStderrAndTheNextCallWorks(TestRuntime which) {
        try (ProcessRuntime rt = which.open(Map.of())) {
            assertThatThrownBy(rt::crashDriver)
                    .isInstanceOfSatisfying(RuntimeFailure.class, f -> assertThat(f.kind()).isEqualTo(RuntimeFailure.Kind.CRASHED))
                    .hasMessageStartingWith("implementation crashed: signal 11 (SIGSEGV) during crash()")
                    .hasMessageContaining("Fatal Python error");
            // no reset: the next operation starts a fresh interpreter by itself
            ObjRef fresh = rt.create(Fixture.bytearray(new byte[4]));
            assertThat(rt.call(Function.AS_WRITE_BUFFER, fresh, OutSlots.sentinels()).length()).isEqualTo(4);
        }
    }

    /**
     * From the first restart on, the next interpreters start in the background: the second restart takes one that was
     * already running before the second crash, and closing the runtime ends those not taken.
     */
    @ParameterizedTest
    @EnumSource(value = TestRuntime.class, names = {"PYTHON3", "PYPY3"})
    void aRestartAfterTheFirstTakesAnInterpreterStartedBeforeTheCrash(TestRuntime which) throws InterruptedException {
        Set<Long> spares;
        try (ProcessRuntime rt = which.open(Map.of())) {
            Set<Long> before = interpreters(rt);
            assertThatThrownBy(rt::crashDriver).isInstanceOf(RuntimeFailure.class);
            long first = rt.driverPid();   // the first restart starts one at once, and the spares in the background
            long server = rt.forkServerPid();   // PyPy's, whose forks the spares are
            int servers = server == -1 ? 0 : 1;
            spares = awaitInterpreters(rt, ProcessRuntime.SPARES + 1 + servers, before);
            spares.remove(first);
            spares.remove(server);
            assertThatThrownBy(rt::crashDriver).isInstanceOf(RuntimeFailure.class);
            long second = rt.driverPid();
            assertThat(spares).as("the interpreters running before the second crash").contains(second);
            ObjRef fresh = rt.create(Fixture.bytearray(new byte[4]));
            assertThat(rt.call(Function.AS_WRITE_BUFFER, fresh, OutSlots.sentinels()).length()).isEqualTo(4);
            spares = awaitInterpreters(rt, ProcessRuntime.SPARES + 1 + servers, before);
        }
        spares.forEach(ProtocolRobustnessTest::assertGone);
    }

    /**
     * Closing the runtime ends a spare that is still starting at once, without waiting for its greeting: here the spares
     * never greet (the launcher turns every start after the second into a sleep), and the start-up limit is two minutes.
     */
    @Test
    void closingEndsASpareThatHasNotGreeted(@TempDir Path dir) throws Exception {
        Path starts = dir.resolve("starts");
        Path launcher = dir.resolve("python3-then-sleep");
        Files.writeString(launcher, "#!/bin/sh\necho >> '" + starts + "'\n"
                + "if [ \"$(wc -l < '" + starts + "')\" -gt 2 ]; then exec sleep 600; fi\nexec python3 \"$@\"\n");
        assertThat(launcher.toFile().setExecutable(true)).isTrue();
        Set<Long> spares;
        long t0;
        try (ProcessRuntime rt = TestRuntime.PYTHON3.open(Map.of(LaunchConfig.PYTHON, launcher.toString(),
                LaunchConfig.STARTUP, "120"))) {
            Set<Long> before = interpreters(rt);
            assertThatThrownBy(rt::crashDriver).isInstanceOf(RuntimeFailure.class);
            long restarted = rt.driverPid();   // the second start; the spares, started after it, sleep
            spares = awaitInterpreters(rt, ProcessRuntime.SPARES + 1, before);
            spares.remove(restarted);
            t0 = System.nanoTime();
        }
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds to close").isLessThan(60.0);
        spares.forEach(ProtocolRobustnessTest::assertGone);
    }

    /**
     * The live interpreters: the JVM's child processes, and the drivers the runtime's fork server forked (not what they or
     * a launcher script run, such as the script's {@code wc}).
     */
    private static Set<Long> interpreters(ProcessRuntime rt) {
        long server = rt.forkServerPid();
        return Stream.concat(ProcessHandle.current().children(),
                        server == -1 ? Stream.empty() : ProcessHandle.of(server).stream().flatMap(ProcessHandle::children))
                .filter(ProcessHandle::isAlive).map(ProcessHandle::pid).collect(Collectors.toCollection(HashSet::new));
    }

    /** Waits (at most a minute) until {@code n} interpreters are live that were not in {@code before}; they are returned. */
    private static Set<Long> awaitInterpreters(ProcessRuntime rt, int n, Set<Long> before) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            Set<Long> now = interpreters(rt);
            now.removeAll(before);
            if (now.size() >= n || System.nanoTime() > deadline) {
                assertThat(now).as("new interpreters").hasSize(n);
                return now;
            }
            Thread.sleep(10);
        }
    }

    /** On CPython the kit's reads and writes are a copy that a fault ends; a fault anywhere else must still crash. */
    @ParameterizedTest
    @DrivenRuntimes
    void refusedReadsAndWritesLeaveACrashACrash(TestRuntime which) {
        try (ProcessRuntime rt = which.open(Map.of())) {
            ObjRef map = rt.create(new Fixture.Mmap(new byte[] {7, 8, 9}, 4096, Fixture.Mmap.Access.READ, true, false));
            long address = rt.call(Function.AS_READ_BUFFER, map, OutSlots.sentinels()).buffer();
            assertThatThrownBy(() -> rt.write(address, new byte[] {1})).isInstanceOf(MemoryAccessException.class)
                    .hasMessageContaining("not writable");
            assertThatThrownBy(() -> rt.read(0, 1)).isInstanceOf(MemoryAccessException.class);
            assertThat(rt.read(address, 4)).containsExactly(7, 8, 9, 0);   // the copy works after the faults it ended
            assertThatThrownBy(rt::crashDriver)
                    .isInstanceOfSatisfying(RuntimeFailure.class, f -> assertThat(f.kind()).isEqualTo(RuntimeFailure.Kind.CRASHED))
                    .hasMessageStartingWith("implementation crashed: signal 11 (SIGSEGV) during crash()")
                    .hasMessageContaining("Fatal Python error");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestRuntime.class, names = "PYPY3")
    void aCrashInsideABatchNamesTheCall(TestRuntime which) {
        try (ProcessRuntime rt = which.open(Map.of())) {
            ObjRef bytes = rt.create(Fixture.bytes(new byte[5]));
            Call ok = new Call(Function.AS_READ_BUFFER, bytes, OutSlots.sentinels());
            Call nullLength = new Call(Function.AS_CHAR_BUFFER, bytes, OutSlots.nullLength());
            assertThatThrownBy(() -> rt.callAll(List.of(ok, ok, nullLength, ok)))
                    .isInstanceOf(RuntimeFailure.class)
                    .hasMessageStartingWith("implementation crashed: signal 11 (SIGSEGV) during "
                            + "PyObject_AsCharBuffer(bytes(5), &buf, NULL) (call 3 of 4 in callAll)");
            rt.reset();
            assertThat(rt.call(Function.CHECK_READ_BUFFER, rt.create(Fixture.bytes(new byte[1])), OutSlots.sentinels())
                    .returnValue()).isEqualTo(1);
        }
    }
}
