package dev.oldbuffer.reports;

import static dev.oldbuffer.reports.Runs.failed;
import static dev.oldbuffer.reports.Runs.outcome;
import static dev.oldbuffer.reports.Runs.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oldbuffer.catalogue.Catalogue;
import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.results.Baseline;
import dev.oldbuffer.results.Outcome;
import dev.oldbuffer.results.RunResult;
import dev.oldbuffer.tck.assertions.TckMessages;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatrixTest {

    private static final String CPYTHON_ONLY = Catalogue.bundled().testable(Profile.CPYTHON).stream()
            .filter(a -> !a.appliesTo(Profile.DOCUMENTED)).findFirst().orElseThrow().id();

    private final RunResult documented = run("Model 1.0", Profile.DOCUMENTED, true, Map.of(
            "char01", failed("char01", TckMessages.shouldReturn("[char01 PyObject_AsCharBuffer, profile documented, on Model 1.0]",
                    "PyObject_AsCharBuffer(b'ab', &buf, &len) -> -1", 0, -1)),
            "char02", outcome("char02", Outcome.CRASHED, "implementation crashed: signal 11 (SIGSEGV)"),
            "char03", outcome("char03", Outcome.TIMED_OUT, "timed out after 10s"),
            "char04", outcome("char04", Outcome.NOT_APPLICABLE, "not applicable: no configurable exporters")));
    private final RunResult cpython = run("CPython 3.12.1", Profile.CPYTHON, false, Map.of());

    private final Matrix matrix = Matrix.of(Catalogue.bundled(), List.of(documented, cpython), List.of("a/index.html", ""));

    @Test
    void columnsAreStampedAndTitledByRuntimeAndProfile() {
        Matrix.Column first = matrix.columns().get(0);
        assertThat(first.title()).isEqualTo("Model 1.0 / documented");
        assertThat(first.kitVersion()).isEqualTo("0.1.0-test");
        assertThat(first.seed()).isEqualTo("42");
        assertThat(first.date()).isEqualTo("2025-03-01 10:15 UTC");
        assertThat(first.complete()).isTrue();
        assertThat(first.reportHref()).isEqualTo("a/index.html");
        assertThat(matrix.columns().get(1).title()).isEqualTo("CPython 3.12.1 / cpython");
        assertThat(matrix.columns().get(1).complete()).isFalse();
    }

    @Test
    void totalsCountEachOutcomeSeparately() {
        int size = documented.assertions().size();
        int untestable = (int) Catalogue.bundled().of(Profile.DOCUMENTED).stream().filter(a -> !a.testable()).count();
        assertThat(matrix.columns().get(0).totals())
                .isEqualTo(new Matrix.Totals(size, size - 4 - untestable, 1, 1, 1, 1, untestable));
    }

    @Test
    void rowsAreEveryAssertionGroupedByFunctionUntestableOnesToo() {
        assertThat(matrix.groups()).extracting(Matrix.Group::function).containsExactly(
                "PyObject_AsCharBuffer", "PyObject_AsReadBuffer", "PyObject_CheckReadBuffer", "PyObject_AsWriteBuffer");
        assertThat(matrix.assertionCount()).isEqualTo(Catalogue.bundled().all().size());
        Matrix.Row untestable = matrix.groups().stream().flatMap(g -> g.rows().stream())
                .filter(r -> !Catalogue.bundled().get(r.id()).testable()).findFirst().orElseThrow();
        assertThat(untestable.cells().get(0).label()).isEqualTo("not verified");
        Matrix.Row first = matrix.groups().get(0).rows().get(0);
        assertThat(first.id()).isEqualTo("char01");
        assertThat(first.requirement()).isEqualTo(Catalogue.bundled().get("char01").requirement());
        assertThat(first.sourceUrl()).startsWith("https://docs.python.org/").contains("#c.PyObject_AsCharBuffer");
        assertThat(matrix.groups().get(0).url()).endsWith("#c.PyObject_AsCharBuffer");
    }

    @Test
    void eachCellShowsItsOutcomeAndTheShortenedObservation() {
        List<Matrix.Row> chars = matrix.groups().get(0).rows();
        Matrix.Cell failed = chars.get(0).cells().get(0);
        assertThat(failed.state()).isEqualTo("failed");
        assertThat(failed.shortDetail()).isEqualTo("expected 0, was -1");
        assertThat(failed.detail()).contains("PyObject_AsCharBuffer(b'ab', &buf, &len)");
        assertThat(chars.get(1).cells().get(0).label()).isEqualTo("crashed");
        assertThat(chars.get(2).cells().get(0).label()).isEqualTo("timed out");
        assertThat(chars.get(3).cells().get(0).label()).isEqualTo("not applicable");
        assertThat(chars.get(4).cells().get(0).label()).isEqualTo("passed");
        assertThat(chars.get(4).cells().get(0).shortDetail()).isEmpty();
    }

    @Test
    void anAssertionOutsideARunsProfileIsADash() {
        Matrix.Row row = matrix.groups().stream().flatMap(g -> g.rows().stream())
                .filter(r -> r.id().equals(CPYTHON_ONLY)).findFirst().orElseThrow();
        assertThat(row.cells().get(0).state()).isEqualTo("absent");
        assertThat(row.cells().get(0).label()).isEqualTo("—");
        assertThat(row.cells().get(1).state()).isEqualTo("passed");
    }

    @Test
    void needsOneLinkPerResult() {
        assertThatThrownBy(() -> Matrix.of(Catalogue.bundled(), List.of(documented), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runsThatShareATitleAreToldApartByTheirOptionsThenTheirFolder() {
        RunResult a = withOptions(Map.of("python", "/opt/a/python3", "timeout", "10"));
        RunResult b = withOptions(Map.of("python", "/opt/b/python3", "timeout", "10"));
        Matrix m = Matrix.of(Catalogue.bundled(), List.of(new Matrix.Run(a, "", "x", null), new Matrix.Run(b, "", "y", null),
                new Matrix.Run(b, "", "z", null)));
        assertThat(m.columns()).extracting(Matrix.Column::title).containsExactly(
                "Model 1.0 / documented (python=/opt/a/python3)",
                "Model 1.0 / documented (python=/opt/b/python3) [y]",
                "Model 1.0 / documented (python=/opt/b/python3) [z]");
    }

    @Test
    void aRunAgainstItsBaselineMarksTheCellsThatMoved() {
        Baseline before = Baseline.of(documented, 700);
        java.util.Map<String, Baseline.Entry> entries = new java.util.LinkedHashMap<>(before.entries());
        entries.put("char05", new Baseline.Entry("char05", Outcome.FAILED, "-1"));
        Baseline baseline = new Baseline(before.kit(), before.catalogue(), before.implementation(), "Model 0.9",
                before.profile(), before.seed(), 700, entries);
        Matrix m = Matrix.of(Catalogue.bundled(), List.of(new Matrix.Run(documented, "", "", baseline)));
        Matrix.Cell char05 = m.groups().get(0).rows().stream().filter(r -> r.id().equals("char05")).findFirst().orElseThrow()
                .cells().get(0);
        assertThat(char05.moved()).isTrue();
        assertThat(char05.before()).isEqualTo("failed: -1");
        assertThat(m.groups().get(0).rows().get(0).cells().get(0).moved()).as("char01 did not move").isFalse();
        assertThat(m.columns().get(0).baseline()).isEqualTo("against its baseline (Model 0.9, seed 42): 1 moved");
        assertThat(MatrixPage.render(m)).contains("class=\"cell passed moved\"", "was: failed: -1");
    }

    private static RunResult withOptions(Map<String, String> options) {
        RunResult r = run("Model 1.0", Profile.DOCUMENTED, true, Map.of());
        return new RunResult(r.kitVersion(), r.catalogueVersion(), r.implementation(), options, r.runtime(), r.runtimeDetails(),
                r.profile(), r.seed(), r.java(), r.startedAt(), r.durationMillis(), r.complete(), r.assertions());
    }
}
