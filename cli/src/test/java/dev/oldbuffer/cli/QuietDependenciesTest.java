package dev.oldbuffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing but the kit writes into a run's output: the command line runs in a JVM of its own (so that whatever a
 * library prints, through System.out, System.err or java.util.logging's console handler, is caught), and every
 * line of its standard output and standard error must be one the kit itself prints. A library that adds a line of
 * its own - a log message, a banner, a notice - fails this test with that line.
 */
class QuietDependenciesTest {

    /** What {@code run} and {@code report} print on standard output, for runs of the reference implementation. */
    static final List<Pattern> KIT_STDOUT = patterns(
            "",
            "reference \\S+ \\(reference\\), kit \\S+",
            "(documented|cpython): \\d+ assertions, .+ \\[\\d+ ms(, seed -?\\d+)?\\]",
            "results written under .+",
            "migration notes \\((documented|cpython)\\): \\d+ places where a call the page recommends answers otherwise than the old one .+",
            "  NOT VERIFIED [a-z]+[0-9]{2} \\((documented|cpython)\\) not verified: .+",
            "\\d+ passed, \\d+ failed(, \\d+ skipped)?(, \\d+ not verified)?",
            "  (documented|cpython): \\d+ assertions, .+ \\(.+\\)",
            "report written: .+");

    /** What they print on standard error: the progress of a run that is not on a terminal. */
    static final List<Pattern> KIT_STDERR = patterns("(reference|capi-process) / (documented|cpython): \\d+/\\d+ specifications");

    /** What a run of an implementation that lacks features adds: its heading and its verdicts. */
    static final List<Pattern> PROCESS_STDOUT = patterns(
            "CPython \\S+ \\(capi-process\\), kit \\S+",
            "  (FAILED|NOT APPLICABLE) [a-z]+[0-9]{2} \\((documented|cpython)\\) .+");

    @TempDir
    Path dir;

    @Test
    void aRunAndItsReportPrintOnlyTheKitsOwnLines() throws Exception {
        Path results = dir.resolve("results");
        ProcessOutput run = cli("run", "--impl", "reference", "--profile", "all", "--tries", "50", "--out", results.toString());
        assertThat(run.exit()).as("run: %s", run).isZero();
        assertThat(foreign(run.stdout(), KIT_STDOUT)).as("lines on the run's standard output the kit did not print").isEmpty();
        assertThat(foreign(run.stderr(), KIT_STDERR)).as("lines on the run's standard error the kit did not print").isEmpty();

        ProcessOutput report = cli("report", results.resolve("reference-documented").toString(),
                results.resolve("reference-cpython").toString(), "--out", dir.resolve("report").toString());
        assertThat(report.exit()).as("report: %s", report).isZero();
        assertThat(foreign(report.stdout(), KIT_STDOUT)).as("lines on the report's standard output the kit did not print").isEmpty();
        assertThat(foreign(report.stderr(), KIT_STDERR)).as("lines on the report's standard error the kit did not print").isEmpty();
    }

    /**
     * A specification the implementation lacks a feature for is answered without a try, in a result jqwik reports
     * quietly (any other kind of result makes it log a warning per property): python3 through ctypes lacks several.
     */
    @Test
    void aRunWithSpecificationsThatDoNotApplyPrintsOnlyTheKitsOwnLines() throws Exception {
        ProcessOutput run = cli("run", "--impl", "capi-process", "-o", "probe=ctypes", "-o", "cache=" + dir.resolve("cache"),
                "--profile", "cpython", "--tries", "20", "--seed", "1");
        assertThat(run.stdout()).as("run: %s", run).contains("NOT APPLICABLE");
        List<Pattern> stdout = new ArrayList<>(KIT_STDOUT);
        stdout.addAll(PROCESS_STDOUT);
        assertThat(foreign(run.stdout(), stdout)).as("lines on the run's standard output the kit did not print").isEmpty();
        assertThat(foreign(run.stderr(), KIT_STDERR)).as("lines on the run's standard error the kit did not print").isEmpty();
    }

    /** The check itself: a line in another shape, like a library's log record, is caught; the kit's lines are not. */
    @Test
    void aLineTheKitDoesNotPrintIsCaught() {
        assertThat(foreign("INFO: a library has something to say\n162 passed, 0 failed\n", KIT_STDOUT))
                .containsExactly("INFO: a library has something to say");
        assertThat(foreign("reference / cpython: 28/109 specifications\n", KIT_STDERR)).isEmpty();
    }

    static List<String> foreign(String text, List<Pattern> kit) {
        List<String> out = new ArrayList<>();
        text.lines().filter(line -> kit.stream().noneMatch(p -> p.matcher(line).matches())).forEach(out::add);
        return out;
    }

    private static List<Pattern> patterns(String... regexes) {
        return java.util.Arrays.stream(regexes).map(Pattern::compile).toList();
    }

    /** The command line's main class in a JVM of its own, with this test's class path. */
    private ProcessOutput cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return ProcessOutput.run(new ProcessBuilder(command), dir, Duration.ofMinutes(5));
    }
}
