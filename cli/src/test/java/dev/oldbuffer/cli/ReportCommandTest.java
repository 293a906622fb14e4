package dev.oldbuffer.cli;

import static dev.oldbuffer.cli.RunCommandTest.names;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report}: Allure's report for one results folder; an earlier report is replaced whole. The matrix of
 * several folders is checked in {@link ReportsInBrowserTest}.
 */
class ReportCommandTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void run() {
        assertThat(Cli.run("run", "--out", dir.resolve("results").toString()).exit()).isEqualTo(Main.OK);
    }

    @Test
    void oneFolderGivesAlluresReport() throws IOException {
        Path report = dir.resolve("report");
        Cli cli = Cli.run("report", dir.resolve("results/reference-documented").toString(), "--out", report.toString());
        assertThat(cli.exit()).as(cli.err()).isEqualTo(Main.OK);
        assertThat(cli.out()).contains("documented: ").contains("report written: " + report.resolve("index.html"));
        assertThat(names(report)).containsExactly(".oldbuffer-report", "index.html");
        assertThat(Files.readString(report.resolve("index.html"))).contains("Old buffer API conformance: reference");

        // the whole --out folder of a run stands for the results folders in it; a new report replaces the old one
        Files.writeString(report.resolve("stale.html"), "from before");
        cli = Cli.run("report", dir.resolve("results").toString(), "--out", report.toString());
        assertThat(cli.exit()).as(cli.err()).isEqualTo(Main.OK);
        assertThat(names(report)).containsExactly(".oldbuffer-report", "index.html");
        assertThat(names(dir)).containsExactly("report", "results");
    }
}
