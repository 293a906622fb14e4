package dev.oldbuffer.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedFolderTest {

    @TempDir
    Path dir;

    @Test
    void nothingAppearsUntilTheCommit() throws IOException {
        Path target = dir.resolve("out");
        try (StagedFolder staged = StagedFolder.beside(target)) {
            Files.writeString(Files.createDirectories(staged.path()).resolve("a.txt"), "a");
            assertThat(target).doesNotExist();
            staged.commit();
        }
        assertThat(target.resolve("a.txt")).hasContent("a");
        assertThat(children()).containsExactly("out");
    }

    @Test
    void nothingIsCreatedBeforeSomethingIsWritten() throws IOException {
        try (StagedFolder staged = StagedFolder.beside(dir.resolve("new/out"))) {
            assertThat(staged.path().getParent()).isEqualTo(dir.resolve("new"));
            assertThat(staged.path().getFileName().toString()).startsWith(".out.partial-");
        }
        assertThat(children()).isEmpty();
    }

    @Test
    void withoutACommitNothingIsLeft() throws IOException {
        try (StagedFolder staged = StagedFolder.beside(dir.resolve("out"))) {
            Files.writeString(Files.createDirectories(staged.path()).resolve("a.txt"), "a");
        }
        assertThat(children()).isEmpty();
    }

    @Test
    void aCommitReplacesThePreviousFolderWhole() throws IOException {
        Path target = Files.createDirectories(dir.resolve("out"));
        Files.writeString(target.resolve("old.txt"), "old");
        try (StagedFolder staged = StagedFolder.beside(target)) {
            Files.writeString(Files.createDirectories(staged.path()).resolve("new.txt"), "new");
            staged.commit();
        }
        assertThat(target.resolve("old.txt")).doesNotExist();
        assertThat(target.resolve("new.txt")).exists();
        assertThat(children()).containsExactly("out");
    }

    @Test
    void aFolderIsUsableWhenNewEmptyOrOurs() throws IOException {
        StagedFolder.checkUsable(dir.resolve("new/deeper"), ".mark");
        StagedFolder.checkUsable(Files.createDirectories(dir.resolve("empty")), ".mark");
        Path ours = Files.createDirectories(dir.resolve("ours"));
        Files.writeString(ours.resolve(".mark"), "");
        Files.writeString(ours.resolve("index.html"), "");
        StagedFolder.checkUsable(ours, ".mark");
    }

    @Test
    void aFolderWithOtherFilesOrUnderAFileIsNot() throws IOException {
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("thesis.tex"), "");
        assertThatThrownBy(() -> StagedFolder.checkUsable(other, ".mark")).isInstanceOf(ReportException.class)
                .hasMessage("output folder " + other + " holds other files; choose a new or empty --out");
        Path file = Files.writeString(dir.resolve("file"), "");
        assertThatThrownBy(() -> StagedFolder.checkUsable(file.resolve("sub"), ".mark")).isInstanceOf(ReportException.class)
                .hasMessage("output folder " + file.resolve("sub") + " cannot be created: " + file
                        + " is not a folder; choose another --out");
        assertThatThrownBy(() -> StagedFolder.checkUsable(file, ".mark")).isInstanceOf(ReportException.class)
                .hasMessage("output folder " + file + " is a file; choose another --out");
        assertThat(children()).containsExactlyInAnyOrder("other", "file");
    }

    private List<String> children() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
