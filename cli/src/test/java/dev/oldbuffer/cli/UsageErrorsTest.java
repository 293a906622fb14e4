package dev.oldbuffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: one line that says what to do, exit 2, and nothing written. */
class UsageErrorsTest {

    @TempDir
    Path dir;

    private void assertUsageError(Cli cli, String message) throws IOException {
        assertThat(cli.exit()).as("exit code; stderr: %s", cli.err()).isEqualTo(Main.USAGE);
        assertThat(cli.errorLine()).isEqualTo(message);
        assertThat(cli.err().lines()).hasSize(1);
        assertThat(written()).as("files written").isEmpty();
    }

    @Test
    void unknownImplementationListsTheAvailableOnes() throws IOException {
        assertUsageError(Cli.run("run", "--impl", "nope", "--out", dir.resolve("out").toString()),
                "oldbuffer-tck: unknown implementation 'nope'; available: capi-process, reference");
    }

    @Test
    void unknownOptionPointsToHelp() throws IOException {
        assertUsageError(Cli.run("run", "--bogus"), "oldbuffer-tck: Unknown option: '--bogus' (see --help)");
    }

    @Test
    void unknownProfileListsTheKnownOnes() throws IOException {
        assertUsageError(Cli.run("run", "--profile", "nope"),
                "oldbuffer-tck: unknown profile 'nope'; known: documented, cpython, all");
    }

    @Test
    void seedThatIsNotANumber() throws IOException {
        assertUsageError(Cli.run("run", "--seed", "abc", "--out", dir.resolve("out").toString()),
                "oldbuffer-tck: --seed must be a whole number, got 'abc'");
    }

    @Test
    void triesBelowOne() throws IOException {
        assertUsageError(Cli.run("run", "--tries", "0", "--out", dir.resolve("out").toString()),
                "oldbuffer-tck: --tries must be at least 1, got 0");
    }

    /** An option value names a file or a program: one with a NUL, a line break or an escape is refused, not used. */
    @Test
    void anOptionValueWithAControlCharacterIsRefused() throws IOException {
        assertUsageError(Cli.run("run", "--impl", "capi-process", "-o", "python=/usr/bin/python3\u0000; rm -rf /",
                "--out", dir.resolve("out").toString()),
                "oldbuffer-tck: option python of implementation 'capi-process' holds a control character (a line break, NUL, "
                        + "an escape); give it as plain text");
    }

    @Test
    void unknownImplementationOptionListsItsOptions() throws IOException {
        assertUsageError(Cli.run("run", "-o", "colour=red", "--out", dir.resolve("out").toString()),
                "oldbuffer-tck: implementation 'reference' has no option colour; its options: model");
    }

    @Test
    void missingJar() throws IOException {
        Path jar = dir.resolve("missing.jar");
        String message = "oldbuffer-tck: cannot read implementation jar " + jar
                + ": no such file; give the path of a readable .jar file to --jar";
        assertUsageError(Cli.run("run", "--jar", jar.toString()), message);
        assertUsageError(Cli.run("list", "--jar", jar.toString()), message);
    }

    @Test
    void fileThatIsNotAJar() throws IOException {
        Path jar = Files.writeString(dir.resolve("impl.jar"), "not a zip");
        Cli cli = Cli.run("run", "--jar", jar.toString());
        Files.delete(jar);
        assertUsageError(cli, "oldbuffer-tck: cannot read implementation jar " + jar
                + ": not a jar (zip END header not found); give the path of a readable .jar file to --jar");
    }

    @Test
    void outputFolderThatCannotBeCreated() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "");
        Path out = file.resolve("out");
        Cli cli = Cli.run("run", "--out", out.toString());
        Files.delete(file);
        assertUsageError(cli, "oldbuffer-tck: output folder " + out.resolve("reference-documented")
                + " cannot be created: " + file + " is not a folder; choose another --out");
    }

    @Test
    void outputFolderHoldingOtherFiles() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out/reference-documented"));
        Files.writeString(out.resolve("thesis.tex"), "");
        Cli cli = Cli.run("run", "--out", dir.resolve("out").toString());
        assertThat(cli.exit()).isEqualTo(Main.USAGE);
        assertThat(cli.errorLine()).isEqualTo("oldbuffer-tck: output folder " + out + " holds other files; choose a new or empty --out");
        assertThat(written()).containsExactly("out", "out/reference-documented", "out/reference-documented/thesis.tex");
    }

    @Test
    void reportOfAFolderThatIsNotAResultsFolder() throws IOException {
        Path notResults = dir.resolve("photos");
        Cli cli = Cli.run("report", notResults.toString(), "--out", dir.resolve("report").toString());
        assertUsageError(cli, "oldbuffer-tck: " + notResults + " is not a results folder: no results.json in it or its"
                + " subfolders; give a folder written by 'oldbuffer-tck run --out'");
    }

    @Test
    void reportIntoAFolderThatCannotBeCreated() throws IOException {
        Path results = dir.resolve("results");
        assertThat(Cli.run("run", "--out", results.toString()).exit()).isEqualTo(Main.OK);
        Path file = Files.writeString(dir.resolve("file"), "");
        List<String> before = written();
        Cli cli = Cli.run("report", results.toString(), "--out", file.resolve("report").toString());
        assertThat(cli.exit()).isEqualTo(Main.USAGE);
        assertThat(cli.errorLine()).isEqualTo("oldbuffer-tck: output folder " + file.resolve("report")
                + " cannot be created: " + file + " is not a folder; choose another --out");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void reportWithoutFoldersOrOut() throws IOException {
        assertUsageError(Cli.run("report", "--out", dir.resolve("report").toString()),
                "oldbuffer-tck: Missing required parameter: 'RESULTS_DIR' (see --help)");
        assertUsageError(Cli.run("report", dir.toString()),
                "oldbuffer-tck: Missing required option: '--out=DIR' (see --help)");
    }

    @Test
    void noCommand() throws IOException {
        assertUsageError(Cli.run(), "oldbuffer-tck: missing command: run, list, report or bench (see --help)");
    }

    /** Everything under the test's folder, relative to it. */
    /**
     * A runtime that cannot start - here the Pyodide launcher the kit ships, copied where no Pyodide is and told of none -
     * ends the run with exit 2, the launcher's own words in the message, and nothing written.
     */
    @Test
    void aLauncherThatCannotStartEndsTheRunWithItsMessage(@TempDir Path elsewhere) throws IOException {
        Path copy = Files.copy(Path.of("../adapters/pyodide-runtime/pyodide-python"), elsewhere.resolve("pyodide-python"));
        String node = Stream.of(System.getenv("PATH").split(":")).map(d -> Path.of(d, "node")).filter(Files::isExecutable)
                .findFirst().orElseThrow(() -> new AssertionError("node is not on PATH: run ./prepare-and-test")).toString();
        Path launcher = elsewhere.resolve("launcher");
        Files.writeString(launcher, "#!/bin/sh\nPYODIDE_HOME=/nonexistent PATH=/nonexistent exec " + node + " " + copy + " \"$@\"\n");
        launcher.toFile().setExecutable(true);
        Cli cli = Cli.run("run", "--impl", "capi-process", "-o", "python=" + launcher, "-o", "cache=" + elsewhere.resolve("cache"),
                "--out", dir.resolve("out").toString());
        assertThat(cli.exit()).as("exit code; stderr: %s", cli.err()).isEqualTo(Main.USAGE);
        assertThat(cli.err()).startsWith("oldbuffer-tck: " + launcher + " could not start the driver")
                .contains("exited with code 2 during start-up")
                .contains("pyodide-python: cannot find the npm package pyodide (tried /nonexistent");
        assertThat(written()).as("files written").isEmpty();
    }

    private List<String> written() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
