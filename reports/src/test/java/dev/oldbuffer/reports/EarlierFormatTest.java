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
 * run against PyPy 7.3.11) is read as format 2 without the later fields, and makes a matrix: its cells show the first
 * line of what was observed, as that kit's reports did.
 */
class EarlierFormatTest {

    @Test
    void aFormatOneResultRendersAMatrix() throws Exception {
        RunResult old = RunResult.read(fixture());
        assertThat(old.schema()).isEqualTo(1);
        // format 1 kept no fields: a problem's failure is the first line of its detail
        assertThat(old.assertions()).filteredOn(a -> a.outcome().isProblem())
                .allSatisfy(a -> assertThat(a.failure().observed()).isEqualTo(a.detail().lines().findFirst().orElseThrow().strip()));
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
