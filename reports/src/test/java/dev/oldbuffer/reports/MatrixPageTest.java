package dev.oldbuffer.reports;

import static dev.oldbuffer.reports.Runs.outcome;
import static dev.oldbuffer.reports.Runs.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oldbuffer.catalogue.Catalogue;
import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.results.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatrixPageTest {

    private final String html = MatrixPage.render(Matrix.of(Catalogue.bundled(), List.of(
            run("Model 1.0", Profile.DOCUMENTED, true, Map.of(
                    "char01", outcome("char01", Outcome.FAILED, "expected <b>bytes</b> & \"more\""))),
            run("CPython 3.12.1", Profile.CPYTHON, false, Map.of())), List.of("model-documented/index.html", "")));

    @Test
    void isSelfContained() {
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>")
                .doesNotContain("<script", "<link", "src=", "url(", "@import");
    }

    @Test
    void escapesObservedText() {
        assertThat(html).contains("expected &lt;b&gt;bytes&lt;/b&gt; &amp; &quot;more&quot;").doesNotContain("<b>bytes");
    }

    @Test
    void showsColumnsStampsTotalsAndTheIncompleteMark() {
        assertThat(html).contains("Model 1.0 / documented", "CPython 3.12.1 / cpython", "<a href=\"model-documented/index.html\">",
                "kit 0.1.0-test", "seed 42", "2025-03-01 10:15 UTC", "1 failed", "INCOMPLETE");
        assertThat(html.split("class=\"incomplete\"", -1)).hasSize(2);
    }

    @Test
    void linksEveryAssertionToItsSectionOfThePage() {
        assertThat(html).contains("<tr id=\"char01\">", "href=\"#char01\"",
                "href=\"" + Catalogue.bundled().get("char01").source().url() + "\"",
                Catalogue.bundled().get("write01").requirement().replace("'", "&#39;"));
    }
}
