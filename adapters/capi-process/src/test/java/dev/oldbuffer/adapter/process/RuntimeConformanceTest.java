package dev.oldbuffer.adapter.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.results.Baseline;
import dev.oldbuffer.results.BaselineComparison;
import dev.oldbuffer.results.RunResult;
import dev.oldbuffer.tck.TckConfig;
import dev.oldbuffer.tck.run.Regression;
import dev.oldbuffer.tck.run.TckRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The regression suite: the whole kit against every runtime in both profiles, held to the committed
 * baselines in {@code adapters/capi-process/baselines/}. When a runtime's behaviour moves, the test fails
 * with the lines that changed; {@code -Doldbuffer.updateBaselines=true} rewrites the files instead.
 */
class RuntimeConformanceTest {

    /**
     * The seed of the properties in regression runs: with the same seed, a runtime that behaves the same gives the same
     * samples, the same shrunk failures, and so the same baseline (shrinking is bounded by work, not time).
     */
    static final String SEED = "20261127";

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        for (TestRuntime runtime : TestRuntime.values()) {
            for (Profile profile : Profile.values()) {
                runs.add(Arguments.of(runtime, profile));
            }
        }
        return runs.stream();
    }

    static Path baselineFile(TestRuntime runtime, Profile profile) {
        Path dir = Path.of(System.getProperty("oldbuffer.test.baselines", "baselines"));
        return dir.resolve(runtime.name().toLowerCase().replace('_', '.') + "-" + profile.id() + ".txt");
    }

    /**
     * The kit's regression mechanism, exactly as a runtime team uses it ({@code run --baseline}): the run repeats the
     * baseline's seed and tries, and nothing may move.
     */
    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("runs")
    void resultsMatchTheBaseline(TestRuntime runtime, Profile profile) throws IOException {
        runtime.open(Map.of()).close(); // fails with the install hint when the runtime is absent
        Path file = baselineFile(runtime, profile);
        boolean update = Boolean.getBoolean("oldbuffer.updateBaselines");
        if (!update && !Files.exists(file)) {
            fail("no baseline " + file + "; create it with -Doldbuffer.updateBaselines=true");
        }
        TckRunner runner = new TckRunner(new TckConfig("capi-process", runtime.options(Map.of()), profile));
        Baseline expected = update ? null : Baseline.read(file);
        if (expected != null) {
            Regression.checkFits(expected, file.getFileName().toString(), profile);
            Regression.repeat(runner, expected, false, false);
        } else {
            runner.seed(SEED);
        }
        RunResult result = runner.run();
        System.out.println(runtime + ": " + result.runtime() + " " + result.summaryLine() + "  [" + result.durationMillis() + " ms]");
        assertThat(result.complete()).as("the run completes, whatever the runtime did: %s", result.runtimeDetails()).isTrue();

        if (update) {
            // keeps what a person marked unstable in the file being replaced
            Set<String> unstable = Files.exists(file) ? Baseline.read(file).unstable() : Set.of();
            Regression.record(result, runner).withUnstable(unstable).write(file);
            return;
        }
        BaselineComparison comparison = Regression.compare(expected, result, runner);
        if (comparison.moved(false) || !comparison.added().isEmpty() || !comparison.removed().isEmpty()
                || !expected.runtime().equals(result.runtime())) {
            fail(runtime + " / " + profile + ": " + comparison.report(file.getFileName().toString(), false)
                    + "If the change is intended, rerun with -Doldbuffer.updateBaselines=true and commit.");
        }
    }
}
