package dev.oldbuffer.adapter.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.results.RunResult;
import dev.oldbuffer.tck.TckConfig;
import dev.oldbuffer.tck.run.TckRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("runs")
    void resultsMatchTheBaseline(TestRuntime runtime, Profile profile) throws IOException {
        runtime.open(Map.of()).close(); // fails with the install hint when the runtime is absent
        RunResult result = new TckRunner(new TckConfig("capi-process", runtime.options(Map.of()), profile)).seed(SEED).run();
        System.out.println(runtime + ": " + result.runtime() + " " + result.summaryLine() + "  [" + result.durationMillis() + " ms]");
        assertThat(result.complete()).as("the run completes, whatever the runtime did: %s", result.runtimeDetails()).isTrue();

        Baseline actual = Baseline.of(result);
        Path file = baselineFile(runtime, profile);
        if (Boolean.getBoolean("oldbuffer.updateBaselines")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual.render());
            return;
        }
        if (!Files.exists(file)) {
            fail("no baseline " + file + "; create it with -Doldbuffer.updateBaselines=true");
        }
        Baseline expected = Baseline.read(file);
        List<String> diff = diff(expected, actual);
        if (!diff.isEmpty()) {
            fail(runtime + " / " + profile + " no longer matches " + file.getFileName() + " (- baseline, + now):\n"
                    + String.join("\n", diff) + "\nIf the change is intended, rerun with -Doldbuffer.updateBaselines=true and commit.");
        }
    }

    /** Changed lines, baseline first; the header's runtime version counts as a line. */
    static List<String> diff(Baseline expected, Baseline actual) {
        List<String> out = new ArrayList<>();
        if (!expected.runtime().equals(actual.runtime())) {
            out.add("- runtime: " + expected.runtime());
            out.add("+ runtime: " + actual.runtime());
        }
        if (!expected.seed().equals(actual.seed())) {
            out.add("- seed: " + expected.seed());
            out.add("+ seed: " + actual.seed());
        }
        for (Baseline.Entry e : expected.entries().values()) {
            Baseline.Entry now = actual.entries().get(e.id());
            if (now == null) {
                out.add("- " + e.render());
            } else if (!now.equals(e)) {
                out.add("- " + e.render());
                out.add("+ " + now.render());
            }
        }
        for (Baseline.Entry now : actual.entries().values()) {
            if (!expected.entries().containsKey(now.id())) {
                out.add("+ " + now.render());
            }
        }
        return out;
    }
}
