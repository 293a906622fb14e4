package dev.oldbuffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Other teams' results folders are input the user did not write (docs/REPORTS.md tells them to report them beside their
 * own). A results.json edited by hand so that its names climb out of {@code --out} gets a report inside {@code --out},
 * with its names escaped; one the format refuses, or an Allure folder that names files elsewhere, is refused in one
 * line, exit 2, and nothing is written.
 */
class UntrustedResultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path results;

    @BeforeEach
    void run() {
        results = dir.resolve("deep/er/results");
        assertThat(Cli.run("run", "--profile", "all", "--tries", "20", "--out", results.toString()).exit()).isEqualTo(Main.OK);
    }

    @Test
    void namesThatClimbOutOfOutStayInside() throws IOException {
        edit(results.resolve("reference-cpython"), r -> r.put("implementation", "../../../escaped")
                .put("runtime", "../../<b>escaped</b>"));
        Path out = dir.resolve("deep/er/report");
        List<Path> before = files(dir);

        Cli cli = Cli.run("report", results.toString(), "--out", out.toString());

        assertThat(cli.exit()).as(cli.err()).isEqualTo(Main.OK);
        List<Path> written = files(dir);
        written.removeAll(before);
        assertThat(written).isNotEmpty().allSatisfy(p -> assertThat(p).startsWith(out));
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList())
                    .contains("index.html", "reference-documented", "escaped-cpython");
        }
        assertThat(Files.readString(out.resolve("index.html"))).contains("&lt;b&gt;escaped&lt;/b&gt;").doesNotContain("<b>escaped");
    }

    @Test
    void controlCharactersInANameAreRefusedBeforeTheyReachTheTerminal() throws IOException {
        edit(results.resolve("reference-cpython"), r -> r.put("runtime", "CPython \u001b]0;owned\u0007"));

        Cli cli = Cli.run("report", results.toString(), "--out", dir.resolve("report").toString());

        assertThat(cli.exit()).isEqualTo(Main.USAGE);
        assertThat(cli.errorLine()).contains("/runtime: ");
        assertThat(cli.out() + cli.err()).doesNotContain("\u001b");
    }

    @Test
    void aFileTheFormatRefusesIsNamedInOneLineAndNothingIsWritten() throws IOException {
        edit(results.resolve("reference-cpython"), r -> r.put("profile", "../../escaped"));
        Path out = dir.resolve("report");

        Cli cli = Cli.run("report", results.toString(), "--out", out.toString());

        assertThat(cli.exit()).isEqualTo(Main.USAGE);
        assertThat(cli.errorLine()).contains("reference-cpython is not a results folder")
                .contains("results.json: /profile: ").contains("run the kit again with --out");
        assertThat(out).doesNotExist();
    }

    @Test
    void anAllureFolderThatNamesFilesElsewhereIsRefused() throws IOException {
        Path allure = results.resolve("reference-documented/allure-results");
        Files.writeString(allure.resolve("00000000-0000-4000-8000-000000000000-result.json"),
                "{\"uuid\":\"x\",\"attachments\":[{\"name\":\"passwd\",\"source\":\"../../../../etc/passwd\"}]}");
        Path out = dir.resolve("report");

        Cli cli = Cli.run("report", results.toString(), "--out", out.toString());

        assertThat(cli.exit()).isEqualTo(Main.USAGE);
        assertThat(cli.errorLine()).contains("names the attachment '../../../../etc/passwd', which is not a file of the folder");
        assertThat(out).doesNotExist();
    }

    private static void edit(Path folder, java.util.function.UnaryOperator<ObjectNode> change) throws IOException {
        Path file = folder.resolve("results.json");
        Files.writeString(file, JSON.writeValueAsString(change.apply((ObjectNode) JSON.readTree(file.toFile()))));
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return new java.util.ArrayList<>(s.filter(Files::isRegularFile).toList());
        }
    }
}
