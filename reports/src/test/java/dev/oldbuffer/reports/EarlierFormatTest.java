package dev.oldbuffer.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oldbuffer.catalogue.Catalogue;
import dev.oldbuffer.results.Outcome;
import dev.oldbuffer.results.RunResult;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A results folder written by the kit before results carried their failures as fields (format 1: kit 0.1, here a real
 * run against PyPy 7.3.11) still makes a matrix: its cells show the first line of what was observed.
 */
class EarlierFormatTest {

    @Test
    void aFormatOneResultRendersAMatrix() throws Exception {
        RunResult old = RunResult.read(fixture());
        assertThat(old.schema()).isEqualTo(1);
        assertThat(old.assertions()).allSatisfy(a -> assertThat(a.failure()).isNull());
        assertThat(old.totals().get(Outcome.CRASHED)).isPositive();

        Matrix matrix = Matrix.of(Catalogue.bundled(), List.of(old), List.of(""));
        Matrix.Cell char14 = matrix.groups().get(0).rows().stream().filter(r -> r.id().equals("char14")).findFirst()
                .orElseThrow().cells().get(0);
        assertThat(char14.state()).isEqualTo("crashed");
        assertThat(char14.shortDetail()).startsWith("implementation crashed: signal 11 (SIGSEGV)");
        assertThat(MatrixPage.render(matrix)).contains("PyPy 7.3.11", "crashed");
    }

    private static Path fixture() throws URISyntaxException {
        return Path.of(EarlierFormatTest.class.getResource("format-1/results.json").toURI());
    }
}
