package dev.oldbuffer.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.results.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs Allure's bundled generator on small hand-written Allure results. */
class ConformanceReportTest {

    @TempDir
    Path dir;

    private Path resultsFolder(RunResult result) throws IOException {
        Path folder = ResultsFolderTest.resultsFolder(dir.resolve("results"), result);
        Files.writeString(folder.resolve("allure-results/0b2a6f0e-0000-4000-8000-000000000001-result.json"), """
                {"uuid":"0b2a6f0e-0000-4000-8000-000000000001","historyId":"h1","fullName":"AsCharBufferSpec.required_char01",
                 "name":"required_char01_succeeds","status":"failed","stage":"finished","start":1700000000000,"stop":1700000000100,
                 "statusDetails":{"message":"to return: 0 but was: -1"},
                 "labels":[{"name":"epic","value":"PyObject_AsCharBuffer"},{"name":"story","value":"char01"}]}
                """);
        return folder;
    }

    @Test
    void oneFolderGivesAlluresSingleFileReport() throws IOException {
        Path folder = resultsFolder(Runs.run("Model 1.0", Profile.DOCUMENTED, true, Map.of()));
        Path index = ConformanceReport.write(ConformanceReport.resolve(List.of(folder)), dir.resolve("report"));
        assertThat(index).isEqualTo(dir.resolve("report/index.html"));
        assertThat(Files.readString(index)).contains("<html").contains("Old buffer API conformance: Model 1.0 / documented");
        assertThat(names(dir.resolve("report"))).containsExactly(".oldbuffer-report", "index.html");
    }

    @Test
    void severalFoldersAlsoGiveTheMatrix() throws IOException {
        Path a = resultsFolder(Runs.run("Model 1.0", Profile.DOCUMENTED, true, Map.of()));
        Path b = resultsFolder(Runs.run("Model 1.0", Profile.CPYTHON, true, Map.of()));
        Path index = ConformanceReport.write(ConformanceReport.resolve(List.of(a, b)), dir.resolve("report"));
        assertThat(Files.readString(index)).contains("Old buffer API conformance matrix", "href=\"model-documented/index.html\"");
        assertThat(dir.resolve("report/model-documented/index.html")).exists();
        assertThat(dir.resolve("report/model-cpython/index.html")).exists();
        // a second report replaces the first
        ConformanceReport.write(ConformanceReport.resolve(List.of(a)), dir.resolve("report"));
        assertThat(names(dir.resolve("report"))).containsExactly(".oldbuffer-report", "index.html");
        assertThat(names(dir)).containsExactly("report", "results");
    }

    @Test
    void anUnusableOutputFolderWritesNothing() throws IOException {
        Path folder = resultsFolder(Runs.run("Model 1.0", Profile.DOCUMENTED, true, Map.of()));
        Path taken = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(taken.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> ConformanceReport.write(ConformanceReport.resolve(List.of(folder)), taken))
                .isInstanceOf(ReportException.class).hasMessageContaining("holds other files");
        assertThat(names(taken)).containsExactly("notes.txt");
        assertThat(names(dir)).containsExactly("results", "taken");
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
