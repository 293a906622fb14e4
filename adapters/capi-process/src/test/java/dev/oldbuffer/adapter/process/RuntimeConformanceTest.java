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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The regression suite: the whole kit against every runtime in both profiles, held to the committed
 * baselines in {@code adapters/capi-process/baselines/}. When a runtime's behaviour moves, the test fails
 * with the lines that changed; {@code -Doldbuffer.updateBaselines=true} rewrites the files instead. Within a JVM the runs
 * go one after the other (jqwik keeps its stores per JVM, so two runs of the kit cannot share one); the matrix is split
 * between {@link CPythonConformanceTest} and {@link OtherRuntimesConformanceTest}, which surefire runs in two JVMs at once
 * (a run keeps about one core busy: the kit and the interpreter take turns).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RuntimeConformanceTest {

    /** Whether this class runs {@code target}: each target belongs to exactly one of the two. */
    abstract boolean covers(Target target);

    /**
     * The seed of the properties in regression runs: with the same seed, a runtime that behaves the same gives the same
     * samples, the same shrunk failures, and so the same baseline (shrinking is bounded by work, not time).
     */
    static final String SEED = "20261127";

    /**
     * One runtime as the matrix has it: an interpreter, and whether the old calls come from the abi3 module (the calls an
     * abi3 wheel built for 3.2 makes; CPython 3.12 and 3.14 run both ways, and must answer the same). The abi3 builds run
     * the cpython profile only, which holds every answer the documented one does and more: what the build's ten minutes allow.
     */
    record Target(TestRuntime runtime, boolean abi3) {

        static List<Target> all() {
            List<Target> all = new ArrayList<>();
            for (TestRuntime rt : TestRuntime.values()) {
                all.add(new Target(rt, false));
                if (rt == TestRuntime.CPYTHON_3_12 || rt == TestRuntime.CPYTHON_3_14) {
                    all.add(new Target(rt, true));
                }
            }
            return all;
        }

        List<Profile> profiles() {
            return abi3 ? List.of(Profile.CPYTHON) : runtime == TestRuntime.GRAALPY ? List.of(Profile.DOCUMENTED) : List.of(Profile.values());
        }

        /**
         * Tries per property when the baseline is written (a run repeats the baseline's): fewer for the slowest runtime.
         * GraalPy crashes its JVM (SIGSEGV in its native objects' reference counts) on some objects of most properties, and
         * each crash costs a new JVM: 10 tries keep its documented run near two minutes.
         */
        int tries() {
            return runtime == TestRuntime.GRAALPY ? 10 : dev.oldbuffer.tck.properties.PropertySettings.DEFAULT_TRIES;
        }

        Map<String, String> options() {
            return abi3 ? Map.of(LaunchConfig.ABI, "abi3") : Map.of();
        }

        /** The file-name stem: {@code cpython.3.12}, {@code cpython.3.12.abi3}. */
        String stem() {
            return runtime.name().toLowerCase().replace('_', '.') + (abi3 ? ".abi3" : "");
        }

        /** The column name in the README: the runtime's name, with {@code (abi3)} for the abi3 build. */
        String label(String runtimeName) {
            return abi3 ? runtimeName + " (abi3)" : runtimeName;
        }

        @Override
        public String toString() {
            return runtime + (abi3 ? " abi3" : "");
        }
    }

    Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        for (Target target : Target.all().stream().filter(this::covers).toList()) {
            for (Profile profile : target.profiles()) {
                runs.add(Arguments.of(target, profile));
            }
        }
        return runs.stream();
    }

    static Path baselineFile(Target target, Profile profile) {
        Path dir = Path.of(System.getProperty("oldbuffer.test.baselines", "baselines"));
        return dir.resolve(target.stem() + "-" + profile.id() + ".txt");
    }

    /**
     * After the baselines were rewritten, the README's findings are generated from them (FindingsTest, or the other half of
     * the matrix, may have run before this class, on the baselines being replaced: the last to finish writes what stays).
     */
    @AfterAll
    void rewriteTheFindingsFromTheNewBaselines() throws IOException {
        if (Boolean.getBoolean("oldbuffer.updateBaselines")) {
            FindingsTest.rewriteReadme();
        }
    }

    /** The migration notes of a runtime, from its cpython-profile run (the survey does not depend on the profile). */
    static Path migrationFile(Target target) {
        return baselineFile(target, Profile.CPYTHON).resolveSibling(target.stem() + "-migration.txt");
    }

    /** What separates a note's fields on its line of a migration file. */
    static final String MIGRATION_FIELDS = " | ";

    /** One note per line, its fields separated by {@link #MIGRATION_FIELDS}: what {@link FindingsTest} turns into the README's table. */
    static String migrationText(RunResult result) {
        StringBuilder s = new StringBuilder("# oldbuffer-tck migration notes: old call | replacement | object | old call did | "
                + "replacement does\nruntime: " + result.runtime() + "\n");
        result.migration().forEach(n -> s.append(String.join(MIGRATION_FIELDS, n.from(), n.to(), n.object(), n.before(), n.after())).append('\n'));
        return s.toString();
    }

    /** What each assertion that moved showed in this run (its sample and transcript): a build log can tell a flake by it. */
    private static String whatMoved(BaselineComparison comparison, RunResult result) {
        Set<String> moved = new java.util.HashSet<>();
        comparison.newFailures().forEach(c -> moved.add(c.id()));
        comparison.changed().forEach(c -> moved.add(c.id()));
        StringBuilder s = new StringBuilder();
        result.assertions().stream().filter(a -> moved.contains(a.id()) && a.detail() != null)
                .forEach(a -> s.append("--- ").append(a.id()).append(":\n").append(a.detail()).append('\n'));
        return s.toString();
    }

    /**
     * The kit's regression mechanism, exactly as a runtime team uses it ({@code run --baseline}): the run repeats the
     * baseline's seed and tries, and nothing may move.
     */
    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("runs")
    void resultsMatchTheBaseline(Target target, Profile profile) throws IOException {
        TestRuntime runtime = target.runtime();
        runtime.open(target.options()).close(); // fails with the install hint when the runtime is absent
        Path file = baselineFile(target, profile);
        boolean update = Boolean.getBoolean("oldbuffer.updateBaselines");
        if (!update && !Files.exists(file)) {
            fail("no baseline " + file + "; create it with -Doldbuffer.updateBaselines=true");
        }
        TckRunner runner = new TckRunner(new TckConfig("capi-process", runtime.options(target.options()), profile));
        Baseline expected = update ? null : Baseline.read(file);
        if (expected != null) {
            Regression.checkFits(expected, file.getFileName().toString(), profile);
            Regression.repeat(runner, expected, false, false);
        } else {
            runner.seed(SEED).parameter(dev.oldbuffer.tck.properties.PropertySettings.TRIES, Integer.toString(target.tries()));
        }
        RunResult result = runner.run();
        System.out.println(target + ": " + result.runtime() + " " + result.summaryLine() + "  [" + result.durationMillis() + " ms]");
        assertThat(result.complete()).as("the run completes, whatever the runtime did: %s", result.runtimeDetails()).isTrue();

        Path migration = migrationFile(target);
        if (profile == Profile.CPYTHON) {
            if (update) {
                Files.writeString(migration, migrationText(result));
            } else {
                assertThat(migrationText(result)).as("%s: migration notes differ from %s; if intended, rerun with "
                        + "-Doldbuffer.updateBaselines=true and commit", target, migration).isEqualTo(Files.readString(migration));
            }
        }
        if (update) {
            // keeps what a person marked unstable in the file being replaced
            Set<String> unstable = Files.exists(file) ? Baseline.read(file).unstable() : Set.of();
            Regression.record(result, runner).withUnstable(unstable).write(file);
            return;
        }
        BaselineComparison comparison = Regression.compare(expected, result, runner);
        if (comparison.moved(false) || !comparison.added().isEmpty() || !comparison.removed().isEmpty()
                || !expected.runtime().equals(result.runtime())) {
            fail(target + " / " + profile + ": " + comparison.report(file.getFileName().toString(), false)
                    + "If the change is intended, rerun with -Doldbuffer.updateBaselines=true and commit.\n"
                    + whatMoved(comparison, result));
        }
    }
}
