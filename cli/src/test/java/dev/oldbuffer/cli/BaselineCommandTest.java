package dev.oldbuffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The regression suite as a new user runs it: record a baseline of the reference implementation, run a deliberately
 * broken one against it (one of the kit's own, loaded with --jar as a third party's would be), get exit 1 and the
 * grouped changes; run the good one again, get exit 0. Every bad input is one line and exit 2, nothing written.
 */
class BaselineCommandTest {

    static final String BROKEN_JAR = System.getProperty("oldbuffer.test.brokenJar", "target/broken/broken-implementations.jar");

    @TempDir
    static Path dir;

    static Path baseline;

    @BeforeAll
    static void recordTheReference() {
        baseline = dir.resolve("reference-documented.txt");
        Cli cli = Cli.run("run", "--tries", "100", "--seed", "11", "--write-baseline", baseline.toString());
        assertThat(cli.exit()).as(cli.err()).isEqualTo(Main.OK);
        assertThat(cli.out()).contains("baseline written: " + baseline);
        assertThat(baseline).content().startsWith("# oldbuffer-tck baseline 1\n").contains("\nseed: 11\n", "\ntries: 100\n",
                "\nchar01  passed\n", "\nchar90  not_verified\n");
    }

    @Test
    void theSameImplementationMovesNothing() {
        Cli cli = Cli.run("run", "--baseline", baseline.toString());
        assertThat(cli.exit()).as(cli.out() + cli.err()).isEqualTo(Main.OK);
        assertThat(cli.out()).contains("compared with baseline " + baseline + " (reference 0.1.0, documented, seed 11): nothing moved")
                .contains("seed 11]");
    }

    @Test
    void aBrokenImplementationFailsWithTheGroupedChanges() {
        Cli cli = Cli.run("run", "--jar", BROKEN_JAR, "--impl", "broken-length-in-items", "--baseline", baseline.toString());
        assertThat(cli.exit()).isEqualTo(Main.FAILURES);
        assertThat(cli.out()).contains("assertions moved").contains("new failures (19):")
                .contains("  char03  passed -> failed: ").doesNotContain("new passes");
    }

    @Test
    void aNewPassFailsUnlessProgressIsAllowed() throws IOException {
        Path older = dir.resolve("with-a-known-failure.txt");
        Files.writeString(older, Files.readString(baseline).replace("\nchar01  passed\n", "\nchar01  failed  -1\n"));

        Cli strict = Cli.run("run", "--baseline", older.toString());
        assertThat(strict.exit()).isEqualTo(Main.FAILURES);
        assertThat(strict.out()).contains("new passes (record the baseline again, or allow progress) (1):\n  char01  failed: -1 -> passed");

        Cli progress = Cli.run("run", "--baseline", older.toString(), "--allow-progress");
        assertThat(progress.exit()).isEqualTo(Main.OK);
        assertThat(progress.out()).contains("new passes (allowed) (1):");
    }

    @Test
    void changedObservationsAndCatalogueChangesAreReported() throws IOException {
        Path edited = dir.resolve("edited.txt");
        Files.writeString(edited, Files.readString(baseline)
                .replace("\nchar90  not_verified\n", "\nchar90  not_verified  something else\n")
                .replace("\nchar02  passed\n", "\n")
                .replace("\nchar01  passed\n", "\nchar01  passed\nchar89  passed\n"));
        Cli cli = Cli.run("run", "--baseline", edited.toString());
        assertThat(cli.exit()).isEqualTo(Main.FAILURES);
        assertThat(cli.out()).contains("changed observations (1):\n  char90  not_verified: something else -> not_verified")
                .contains("new in the catalogue (not compared) (1):\n  char02  (not in the baseline) -> passed")
                .contains("no longer in the catalogue (not compared) (1):\n  char89  passed -> (not in this run)");
    }

    @Test
    void badBaselinesAreOneLineAndExitTwo() throws IOException {
        Path other = dir.resolve("other-profile.txt");
        Files.writeString(other, Files.readString(baseline).replace("\nprofile: documented\n", "\nprofile: cpython\n"));
        usage(Cli.run("run", "--profile", "documented", "--baseline", other.toString()),
                "oldbuffer-tck: " + other + " is a baseline of profile cpython, the run checks documented: give the baseline "
                        + "of the profile you run, or leave --profile out");

        Path major = dir.resolve("catalogue-2.txt");
        Files.writeString(major, Files.readString(baseline).replace("\ncatalogue: 1.0\n", "\ncatalogue: 2.0\n"));
        usage(Cli.run("run", "--baseline", major.toString()), "oldbuffer-tck: " + major + " was recorded with catalogue 2.0, "
                + "this kit has catalogue 1.0: record it again with this kit (run --write-baseline " + major + ")");

        Path malformed = dir.resolve("malformed.txt");
        Files.writeString(malformed, Files.readString(baseline).replace("\nchar05  passed\n", "\nchar05 passed\n"));
        int line = Files.readAllLines(malformed).indexOf("char05 passed") + 1;
        usage(Cli.run("run", "--baseline", malformed.toString()), "oldbuffer-tck: " + malformed + ":" + line
                + ": expected 'id  outcome  observed' (two spaces between) or a header line kit:, catalogue:, implementation:, "
                + "runtime:, profile:, seed:, tries:, got 'char05 passed'");

        Path notABaseline = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        usage(Cli.run("run", "--baseline", notABaseline.toString()), "oldbuffer-tck: " + notABaseline
                + ":1: a baseline starts with '# oldbuffer-tck baseline 1'; record one with 'oldbuffer-tck run --write-baseline'");

        usage(Cli.run("run", "--baseline", dir.resolve("missing.txt").toString()), "oldbuffer-tck: " + dir.resolve("missing.txt")
                + ": no such file; record one with 'oldbuffer-tck run --write-baseline " + dir.resolve("missing.txt") + "'");

        usage(Cli.run("run", "--profile", "all", "--write-baseline", dir.resolve("both.txt").toString()),
                "oldbuffer-tck: --write-baseline records one profile; run each profile with a file of its own");
        assertThat(dir.resolve("both.txt")).doesNotExist();
    }

    @Test
    void aRunHeldToItsBaselineKeepsItAndItsReportMarksWhatMoved() throws IOException {
        Path held = dir.resolve("held");
        Cli cli = Cli.run("run", "--jar", BROKEN_JAR, "--impl", "broken-length-in-items", "--baseline", baseline.toString(),
                "--out", held.toString());
        assertThat(cli.exit()).isEqualTo(Main.FAILURES);
        Path folder = held.resolve("broken-length-in-items-documented");
        assertThat(folder.resolve("baseline.txt")).hasSameTextualContentAs(baseline);

        Path report = dir.resolve("held-report");
        Cli page = Cli.run("report", folder.toString(), "--out", report.toString());
        assertThat(page.exit()).as(page.err()).isEqualTo(Main.OK);
        String html = Files.readString(report.resolve("index.html"));
        assertThat(html).contains("against its baseline (reference 0.1.0, seed 11): 19 moved", "class=\"cell failed moved\"",
                "was: passed");
        assertThat(report.resolve("broken-length-in-items-documented/index.html")).exists();

        // a run made without one, shown against a baseline given to report
        Path plain = dir.resolve("plain");
        assertThat(Cli.run("run", "--seed", "11", "--tries", "100", "--out", plain.toString()).exit()).isEqualTo(Main.OK);
        Cli against = Cli.run("report", plain.resolve("reference-documented").toString(), "--baseline", baseline.toString(),
                "--out", dir.resolve("plain-report").toString());
        assertThat(against.exit()).as(against.err()).isEqualTo(Main.OK);
        assertThat(dir.resolve("plain-report/index.html")).content().contains("against its baseline (reference 0.1.0, seed 11): nothing moved");

        usage(Cli.run("report", plain.toString(), folder.toString(), "--baseline", baseline.toString(), "--out",
                dir.resolve("two").toString()), "oldbuffer-tck: --baseline goes with one results folder, 2 were given; runs made "
                + "with 'run --baseline --out' keep their baselines");
    }

    private static void usage(Cli cli, String message) {
        assertThat(cli.exit()).as(cli.err()).isEqualTo(Main.USAGE);
        assertThat(cli.errorLine()).isEqualTo(message);
        assertThat(cli.err().lines()).hasSize(1);
    }
}
