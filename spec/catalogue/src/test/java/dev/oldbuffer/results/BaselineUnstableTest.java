package dev.oldbuffer.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An assertion marked unstable is listed when it differs, and never counts as moved. */
class BaselineUnstableTest {

    @TempDir
    Path dir;

    private static Baseline baseline(Outcome write04, String observed) {
        Map<String, Baseline.Entry> entries = new LinkedHashMap<>();
        entries.put("char01", new Baseline.Entry("char01", Outcome.PASSED, ""));
        entries.put("write04", new Baseline.Entry("write04", write04, observed));
        return new Baseline("t", "1.0", "impl", "Runtime 1", "documented", "7", 10, entries);
    }

    @Test
    void theHeaderLineIsWrittenAndReadBack() throws IOException {
        Path file = baseline(Outcome.FAILED, "(nothing)").withUnstable(Set.of("write04")).write(dir.resolve("b.txt"));

        assertThat(file).content().contains("\nunstable: write04\n");
        assertThat(Baseline.read(file).unstable()).containsExactly("write04");
    }

    @Test
    void aDifferenceInAnUnstableAssertionIsListedAndMovesNothing() {
        Baseline before = baseline(Outcome.FAILED, "(nothing)").withUnstable(Set.of("write04"));
        BaselineComparison c = BaselineComparison.of(before, baseline(Outcome.CRASHED, "implementation crashed: signal 6 (SIGABRT)"));

        assertThat(c.moved(false)).isFalse();
        assertThat(c.unstable()).extracting(BaselineComparison.Change::id).containsExactly("write04");
        assertThat(c.report("b.txt", false)).contains("nothing moved", "unstable in the baseline (not compared) (1):\n  write04  failed");
        assertThat(BaselineComparison.of(baseline(Outcome.FAILED, "(nothing)"), baseline(Outcome.CRASHED, "x")).moved(false)).isTrue();
    }

    @Test
    void anUnstableIdWithoutItsOwnLineIsRefused() throws IOException {
        Path file = baseline(Outcome.PASSED, "").write(dir.resolve("b.txt"));
        Files.writeString(file, Files.readString(file).replace("tries: 10\n", "tries: 10\nunstable: write04, read99\n"));

        assertThatThrownBy(() -> Baseline.read(file)).isInstanceOf(BaselineException.class)
                .hasMessageContaining("'unstable:' names read99, which has no line of its own");
    }
}
