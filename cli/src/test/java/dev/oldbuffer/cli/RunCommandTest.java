package dev.oldbuffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oldbuffer.results.Outcome;
import dev.oldbuffer.results.RunResult;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --out}: results.json, Allure results and JUnit XML per profile, the summary and the exit code. */
class RunCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesEveryFormatIntoOneFolderPerProfile() throws IOException {
        Cli cli = Cli.run("run", "--impl", "reference", "--profile", "all", "--out", dir.toString());
        assertThat(cli.exit()).as(cli.out()).isEqualTo(Main.OK);
        assertThat(cli.out()).containsPattern("(?m)^\\d+ passed, 0 failed, 2 not verified$")
                .contains("NOT VERIFIED char90 (documented) not verified: char90: ");
        assertThat(names(dir)).containsExactly("reference-cpython", "reference-documented");

        Path documented = dir.resolve("reference-documented");
        assertThat(names(documented)).containsExactly("allure-results", "junit", "results.json");
        assertThat(RunResult.read(documented).profile()).isEqualTo("documented");
        assertThat(documented.resolve("junit/TEST-junit-jupiter.xml")).content().contains("<testsuite");
        assertThat(names(documented.resolve("allure-results")))
                .contains("categories.json", "environment.properties")
                .anySatisfy(n -> assertThat(n).endsWith("-result.json"));
        assertThat(documented.resolve("allure-results/categories.json")).content()
                .contains("\"Spec deviation\"", "\"Implementation crashed\"", "\"Timed out\"", "\"Not applicable\"", "\"Not verified\"");
    }

    @Test
    void stampsTheAllureEnvironment() throws IOException {
        Cli cli = Cli.run("run", "--profile", "cpython", "--seed", "4242", "--out", dir.toString());
        assertThat(cli.out()).contains(", seed 4242]");
        Properties env = new Properties();
        env.load(new StringReader(Files.readString(dir.resolve("reference-cpython/allure-results/environment.properties"))));
        RunResult result = RunResult.read(dir.resolve("reference-cpython"));
        assertThat(env).containsEntry("implementation", result.runtime())
                .containsEntry("implementation.id", "reference")
                .containsEntry("profile", "cpython")
                .containsEntry("seed", "4242")
                .containsEntry("java", System.getProperty("java.version"))
                .containsEntry("kit.version", result.kitVersion())
                .containsEntry("complete", "true");
    }

    @Test
    void aDeviationFailsTheRunAndIsCountedInTheSummary() throws IOException {
        // the model of the documented behaviour, checked against what CPython does
        Cli cli = Cli.run("run", "--profile", "cpython", "-o", "model=documented", "--out", dir.toString());
        RunResult result = RunResult.read(dir.resolve("reference-cpython"));
        int failed = result.totals().get(Outcome.FAILED);
        assertThat(failed).isPositive();
        assertThat(cli.exit()).isEqualTo(Main.FAILURES);
        // each failure in one line: what was expected and what was seen, from the result's fields
        assertThat(cli.out()).contains("FAILED char18 (cpython) expected SystemError, was TypeError: ")
                .containsPattern("(?m)^" + result.totals().get(Outcome.PASSED) + " passed, " + failed + " failed, 1 not verified$");
    }

    @Test
    void aSecondRunReplacesTheFirstAndLeavesNoPartialFolder() throws IOException {
        Cli.run("run", "--out", dir.toString());
        Files.writeString(dir.resolve("reference-documented/stale.txt"), "from before");
        assertThat(Cli.run("run", "--out", dir.toString()).exit()).isEqualTo(Main.OK);
        assertThat(names(dir)).containsExactly("reference-documented");
        assertThat(dir.resolve("reference-documented/stale.txt")).doesNotExist();
    }

    @Test
    void withoutOutNothingIsWritten() throws IOException {
        Cli cli = Cli.run("run", "--impl", "reference");
        assertThat(cli.exit()).isEqualTo(Main.OK);
        assertThat(cli.out()).contains("documented: ").doesNotContain("results written");
        assertThat(names(dir)).isEmpty();
    }

    static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
