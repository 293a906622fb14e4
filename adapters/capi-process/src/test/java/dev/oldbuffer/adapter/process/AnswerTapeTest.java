package dev.oldbuffer.adapter.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oldbuffer.results.Baseline;
import dev.oldbuffer.results.BaselineComparison;
import dev.oldbuffer.results.RunResult;
import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.spi.OutSlots;
import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.spi.RuntimeFailure;
import dev.oldbuffer.tck.TckConfig;
import dev.oldbuffer.tck.properties.PropertySettings;
import dev.oldbuffer.tck.run.TckRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's replay of a recorded run ({@link AnswerTape}): the kit, asking what it asked when it recorded, must get
 * the recorded answers back, and so come to the same results, without the interpreter answering anything.
 */
class AnswerTapeTest {

    private static final int TRIES = 100;

    @TempDir
    Path tmp;

    @Test
    void aReplayedRunComesToTheRecordedResults() {
        RunResult recorded;
        int interpreters;
        try (AnswerTape tape = AnswerTape.record(tmp)) {
            recorded = run();
            interpreters = tape.interpreters();
        }
        RunResult replayed;
        try (AnswerTape tape = AnswerTape.replay(tmp)) {
            replayed = run();
            assertThat(tape.interpreters()).isEqualTo(interpreters).isPositive();
        }
        BaselineComparison comparison = BaselineComparison.of(Baseline.of(recorded, TRIES), Baseline.of(replayed, TRIES));
        assertThat(comparison.moved(false)).as(() -> comparison.report("the recorded run", false)).isFalse();
        assertThat(replayed.assertions()).hasSameSizeAs(recorded.assertions()).isNotEmpty();
    }

    /**
     * A replaying interpreter is sent nothing: the crash the recorded one died of is not done again, the replaying one is
     * killed at that point instead, and the restart's answers come from the recording too (the addresses are the
     * recording's).
     */
    @Test
    void aReplayAnswersFromTheRecordingThroughACrashAndARestart() {
        Session recorded;
        try (AnswerTape tape = AnswerTape.record(tmp)) {
            recorded = callsAroundACrash();
            assertThat(tape.interpreters()).isEqualTo(2);
        }
        Session replayed;
        try (AnswerTape tape = AnswerTape.replay(tmp)) {
            replayed = callsAroundACrash();
            assertThat(tape.interpreters()).isEqualTo(2);
        }
        assertThat(recorded.crash()).hasMessageStartingWith("implementation crashed: signal 11 (SIGSEGV) during crash()");
        assertThat(replayed.crash()).hasMessageStartingWith("implementation crashed: signal 9 (SIGKILL) during crash()");
        assertThat(replayed.calls()).extracting(CallResult::buffer)
                .isEqualTo(recorded.calls().stream().map(CallResult::buffer).toList());
        assertThat(replayed.calls()).extracting(CallResult::length).containsExactly(4L, 6L);
    }

    /** Two calls, one in the first interpreter and one in the interpreter that replaces it, and the crash between them. */
    private record Session(List<CallResult> calls, RuntimeFailure crash) {
    }

    @Test
    void aReplayThatNeedsMoreInterpretersThanWereRecordedSaysSo() {
        try (AnswerTape tape = AnswerTape.record(tmp)) {
            TestRuntime.PYTHON3.open(Map.of()).close();
        }
        try (AnswerTape tape = AnswerTape.replay(tmp)) {
            TestRuntime.PYTHON3.open(Map.of()).close();
            assertThatThrownBy(() -> TestRuntime.PYTHON3.open(Map.of()))
                    .hasMessageContaining("the replay took more interpreters than the recording (2)");
        }
    }

    @Test
    void oneTapeAtATime() {
        try (AnswerTape tape = AnswerTape.record(tmp)) {
            assertThatThrownBy(() -> AnswerTape.replay(tmp)).hasMessage("an answer tape is already in use");
        }
        AnswerTape.replay(tmp).close();   // free again
    }

    private static Session callsAroundACrash() {
        List<CallResult> calls = new ArrayList<>();
        RuntimeFailure crash;
        try (ProcessRuntime rt = TestRuntime.PYTHON3.open(Map.of())) {
            ObjRef first = rt.create(Fixture.bytearray(new byte[4]));
            calls.add(rt.call(Function.AS_WRITE_BUFFER, first, OutSlots.sentinels()));
            crash = catchThrowableOfType(RuntimeFailure.class, rt::crashDriver);
            assertThat(crash.kind()).isEqualTo(RuntimeFailure.Kind.CRASHED);
            ObjRef second = rt.create(Fixture.bytearray(new byte[6]));
            calls.add(rt.call(Function.AS_WRITE_BUFFER, second, OutSlots.sentinels()));
        }
        return new Session(calls, crash);
    }

    private static RunResult run() {
        Map<String, String> options = Map.of(LaunchConfig.PYTHON, "python3", LaunchConfig.CACHE, TestRuntime.cacheDir().toString());
        return new TckRunner(new TckConfig("capi-process", options, Profile.DOCUMENTED)).seed("20261127")
                .parameter(PropertySettings.TRIES, Integer.toString(TRIES)).run();
    }
}
