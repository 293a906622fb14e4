package dev.oldbuffer.adapter.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.spi.OutSlots;
import dev.oldbuffer.spi.RuntimeFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyPy's restarts are forks of a fork server (the driver's serve_forks): a forked driver crashes, hangs and closes as a
 * started one does, the server's death or failure to start leaves restarts started afresh, and nothing outlives the
 * runtime. The conformance runs hold PyPy's baselines with them.
 */
class ForkedRestartsTest {

    @Test
    void aPyPyRestartIsAForkOfTheServerAndItsCrashIsReportedAsAStartedOnesIs() {
        long server;
        long forked;
        try (ProcessRuntime rt = TestRuntime.PYPY3.open(Map.of())) {
            assertThat(rt.info().details()).containsEntry("restarts",
                    "forked from an interpreter that has loaded the driver (a fork server)");
            long first = rt.driverPid();
            assertThat(parent(first)).isEqualTo(ProcessHandle.current().pid());
            assertThat(rt.forkServerPid()).as("no server before the first restart").isEqualTo(-1);
            assertThatThrownBy(rt::crashDriver).isInstanceOf(RuntimeFailure.class);
            forked = worksAgain(rt);
            server = rt.forkServerPid();
            assertThat(parent(server)).isEqualTo(ProcessHandle.current().pid());
            assertThat(parent(forked)).as("the restart's parent").isEqualTo(server);
            // the forked driver's own crash: its signal from its parent, its stderr through its own pipe
            assertThatThrownBy(rt::crashDriver)
                    .isInstanceOfSatisfying(RuntimeFailure.class, f -> assertThat(f.kind()).isEqualTo(RuntimeFailure.Kind.CRASHED))
                    .hasMessageStartingWith("implementation crashed: signal 11 (SIGSEGV) during crash()")
                    .hasMessageContaining("Fatal Python error");
            ProtocolRobustnessTest.assertGone(forked);
            long next = worksAgain(rt);
            assertThat(next).isNotEqualTo(forked);
            assertThat(parent(next)).isEqualTo(server);
            assertThat(rt.forkServerPid()).as("one server for all restarts").isEqualTo(server);
        }
        ProtocolRobustnessTest.assertGone(server);
    }

    @Test
    void aForkedDriverThatHangsIsKilledThroughItsParent() {
        try (ProcessRuntime rt = TestRuntime.PYPY3.open(Map.of(LaunchConfig.TIMEOUT, "1"))) {
            assertThatThrownBy(rt::crashDriver).isInstanceOf(RuntimeFailure.class);
            long forked = worksAgain(rt);
            long start = System.nanoTime();
            assertThatThrownBy(() -> rt.sleepInDriver(60))
                    .isInstanceOfSatisfying(RuntimeFailure.class, f -> assertThat(f.kind()).isEqualTo(RuntimeFailure.Kind.TIMED_OUT))
                    .hasMessageStartingWith("timed out after 1 s during sleep(60.0)");
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
            ProtocolRobustnessTest.assertGone(forked);
            assertThat(worksAgain(rt)).isNotEqualTo(forked);
        }
    }

    /**
     * Once the server is gone, nobody can tell how its children end: the driver it forked is killed, its next request
     * fails as a crash (SIGKILL), and the restarts after it are started afresh.
     */
    @Test
    void whenTheServerDiesTheRestartsAreStartedAfresh() throws InterruptedException {
        try (ProcessRuntime rt = TestRuntime.PYPY3.open(Map.of())) {
            assertThatThrownBy(rt::crashDriver).isInstanceOf(RuntimeFailure.class);
            long forked = worksAgain(rt);
            long server = rt.forkServerPid();
            ProcessHandle.of(server).orElseThrow().destroyForcibly();
            awaitGone(forked);
            assertThatThrownBy(() -> worksAgain(rt))
                    .isInstanceOfSatisfying(RuntimeFailure.class, f -> assertThat(f.kind()).isEqualTo(RuntimeFailure.Kind.CRASHED))
                    .hasMessageStartingWith("implementation crashed: signal 9 (SIGKILL)");
            long started = worksAgain(rt);
            assertThat(parent(started)).isEqualTo(ProcessHandle.current().pid());
            assertThat(rt.forkServerPid()).isEqualTo(-1);
        }
    }

    /** A fork server that cannot start (here its interpreter exits at once) leaves restarts started afresh, which work. */
    @Test
    void aServerThatCannotStartLeavesRestartsStartedAfresh(@TempDir Path dir) throws Exception {
        Path launcher = dir.resolve("pypy3-without-fork-server");
        Files.writeString(launcher, "#!/bin/sh\nif [ -n \"$OLDBUFFER_FORK_SERVER\" ]; then echo refused >&2; exit 1; fi\n"
                + "exec /usr/bin/pypy3 \"$@\"\n");
        assertThat(launcher.toFile().setExecutable(true)).isTrue();
        try (ProcessRuntime rt = TestRuntime.PYPY3.open(Map.of(LaunchConfig.PYTHON, launcher.toString()))) {
            assertThatThrownBy(rt::crashDriver).isInstanceOf(RuntimeFailure.class);
            long started = worksAgain(rt);
            assertThat(parent(started)).isEqualTo(ProcessHandle.current().pid());
            assertThat(rt.forkServerPid()).isEqualTo(-1);
            assertThatThrownBy(rt::crashDriver).isInstanceOf(RuntimeFailure.class);
            assertThat(parent(worksAgain(rt))).isEqualTo(ProcessHandle.current().pid());
        }
    }

    /** CPython's restarts take 46 ms and its drivers trade through rings of their own: they are started, not forked. */
    @Test
    void cpythonsRestartsAreStartedAfresh() {
        try (ProcessRuntime rt = TestRuntime.PYTHON3.open(Map.of())) {
            assertThat(rt.info().details()).containsEntry("restarts", "started afresh");
            assertThatThrownBy(rt::crashDriver).isInstanceOf(RuntimeFailure.class);
            assertThat(parent(worksAgain(rt))).isEqualTo(ProcessHandle.current().pid());
            assertThat(rt.forkServerPid()).isEqualTo(-1);
        }
    }

    /** A call on a fresh object works; the driver's process id. */
    private static long worksAgain(ProcessRuntime rt) {
        ObjRef fresh = rt.create(Fixture.bytearray(new byte[5]));
        assertThat(rt.call(Function.AS_WRITE_BUFFER, fresh, OutSlots.sentinels()).length()).isEqualTo(5);
        return rt.driverPid();
    }

    private static long parent(long pid) {
        return ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L);
    }

    private static void awaitGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        ProtocolRobustnessTest.assertGone(pid);
    }
}
