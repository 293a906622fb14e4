package dev.oldbuffer.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.results.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFolderTest {

    @TempDir
    Path dir;

    static Path resultsFolder(Path parent, RunResult result) throws IOException {
        Path folder = parent.resolve(result.implementation() + "-" + result.profile());
        result.write(folder);
        Files.createDirectories(folder.resolve(ResultsFolder.ALLURE_RESULTS));
        return folder;
    }

    @Test
    void aFolderWithResultsJsonIsOne() throws IOException {
        Path folder = resultsFolder(dir, Runs.run("Model 1.0", Profile.DOCUMENTED, true, Map.of()));
        assertThat(ResultsFolder.resolve(folder)).singleElement()
                .satisfies(f -> assertThat(f.name()).isEqualTo("model-documented"))
                .satisfies(f -> assertThat(f.qualifiedName()).isEqualTo("model-model-1.0-documented"));
    }

    @Test
    void aRunsOutFolderStandsForTheResultsFoldersInIt() throws IOException {
        resultsFolder(dir, Runs.run("Model 1.0", Profile.DOCUMENTED, true, Map.of()));
        resultsFolder(dir, Runs.run("Model 1.0", Profile.CPYTHON, true, Map.of()));
        assertThat(ResultsFolder.resolve(dir)).extracting(ResultsFolder::name)
                .containsExactly("model-cpython", "model-documented");
    }

    @Test
    void anyOtherFolderIsRefusedByName() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> ResultsFolder.resolve(empty)).isInstanceOf(ReportException.class)
                .hasMessage(empty + " is not a results folder: no results.json in it or its subfolders;"
                        + " give a folder written by 'oldbuffer-tck run --out'");
        assertThatThrownBy(() -> ResultsFolder.resolve(dir.resolve("missing"))).isInstanceOf(ReportException.class)
                .hasMessageStartingWith(dir.resolve("missing") + " is not a results folder");
    }

    @Test
    void aResultsJsonThatIsNotOneIsRefused() throws IOException {
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(bad.resolve("results.json"), "{ not json");
        assertThatThrownBy(() -> ResultsFolder.resolve(bad)).isInstanceOf(ReportException.class)
                .hasMessageStartingWith(bad + " is not a results folder: its results.json cannot be read")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aFolderWithoutAllureResultsIsRefused() throws IOException {
        Path folder = dir.resolve("only-json");
        Runs.run("Model 1.0", Profile.DOCUMENTED, true, Map.of()).write(folder);
        assertThatThrownBy(() -> ResultsFolder.resolve(folder)).isInstanceOf(ReportException.class)
                .hasMessageContaining("has no allure-results/");
    }
}
