package dev.oldbuffer.catalogue;

import dev.oldbuffer.spi.Profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oldbuffer.spi.Function;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogueTest {

    private static final String GOOD = """
            - id: char01
              function: PyObject_AsCharBuffer
              topic: success
              source: {section: PyObject_AsCharBuffer, sentence: 3}
              requirement: returns 0
              profiles: [documented, cpython]
            """;

    private static Catalogue load(String entries) {
        String yaml = "version: \"t\"\nassertions:\n" + entries.indent(2);
        return Catalogue.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    @Test
    void bundledCatalogueLoadsAndCoversEveryFunctionInBothProfiles() {
        Catalogue c = Catalogue.bundled();
        for (Function f : Function.values()) {
            for (Profile p : Profile.values()) {
                assertThat(c.testable(p)).as("%s in %s", f, p).anyMatch(a -> a.function() == f);
            }
        }
        assertThat(c.testable(Profile.DOCUMENTED)).hasSizeGreaterThan(40);
        assertThat(c.testable(Profile.CPYTHON)).hasSizeGreaterThanOrEqualTo(c.testable(Profile.DOCUMENTED).size());
    }

    @Test
    void everyExpectedOutcomeNamesAProfileOfItsEntry() {
        for (Assertion a : Catalogue.bundled().all()) {
            assertThat(a.profiles()).as(a.id()).containsAll(a.expected().keySet());
        }
    }

    @Test
    void aWellFormedEntryLoads() {
        Assertion a = load(GOOD).get("char01");
        assertThat(a.function()).isEqualTo(Function.AS_CHAR_BUFFER);
        assertThat(a.source().url()).endsWith("#c.PyObject_AsCharBuffer");
        assertThat(a.testable()).isTrue();
    }

    @Test
    void duplicateIdIsNamed() {
        assertThatThrownBy(() -> load(GOOD + GOOD))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("entry #2").hasMessageContaining("duplicate id 'char01'");
    }

    @Test
    void unknownProfileIsNamed() {
        assertThatThrownBy(() -> load(GOOD.replace("[documented, cpython]", "[documented, pypy]")))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("(char01)").hasMessageContaining("unknown profile 'pypy'");
    }

    @Test
    void missingFieldIsNamed() {
        assertThatThrownBy(() -> load(GOOD.replace("  requirement: returns 0\n", "")))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("(char01)").hasMessageContaining("missing field 'requirement'");
    }

    @Test
    void unknownFieldIsNamed() {
        assertThatThrownBy(() -> load(GOOD + "  level: required\n"))
                .isInstanceOf(CatalogueException.class).hasMessageContaining("unknown field 'level'");
    }

    @Test
    void idMustMatchItsFunction() {
        assertThatThrownBy(() -> load(GOOD.replace("id: char01", "id: read01")))
                .isInstanceOf(CatalogueException.class).hasMessageContaining("must start with 'char'");
    }

    @Test
    void untestableEntryNeedsANote() {
        assertThatThrownBy(() -> load(GOOD + "  testable: false\n"))
                .isInstanceOf(CatalogueException.class).hasMessageContaining("needs a 'note'");
    }

    @Test
    void unknownSectionIsNamed() {
        assertThatThrownBy(() -> load(GOOD.replace("section: PyObject_AsCharBuffer", "section: intro")))
                .isInstanceOf(CatalogueException.class).hasMessageContaining("source.section");
    }

    @Test
    void expectedOutcomesAreTypedMappings() {
        Assertion a = load(GOOD + "  expected:\n    documented: {error: TypeError}\n"
                + "    cpython: {error-by-cause: {no-buffer: TypeError, refused: raised}}\n").get("char01");
        assertThat(a.expectedFor(Profile.DOCUMENTED).orElseThrow().errorFor(RefusalCause.NOT_CONTIGUOUS, Optional.empty()))
                .isEqualTo("TypeError");
        Expected cpython = a.expectedFor(Profile.CPYTHON).orElseThrow();
        assertThat(cpython.errorFor(RefusalCause.REFUSED, Optional.of("KeyError"))).isEqualTo("KeyError");
        assertThatThrownBy(() -> cpython.errorFor(RefusalCause.RELEASED, Optional.empty()))
                .hasMessageContaining("no error type for cause 'released'");
    }

    @Test
    void aMalformedExpectedOutcomeIsNamed() {
        String expected = "  expected: {documented: %s}\n";
        assertThatThrownBy(() -> load(GOOD + expected.formatted("TypeError")))
                .isInstanceOf(CatalogueException.class).hasMessageContaining("(char01): expected.documented: must be a mapping");
        assertThatThrownBy(() -> load(GOOD + expected.formatted("{eror: TypeError}")))
                .isInstanceOf(CatalogueException.class).hasMessageContaining("unknown field 'eror'");
        assertThatThrownBy(() -> load(GOOD + expected.formatted("{error: typeerror}")))
                .isInstanceOf(CatalogueException.class).hasMessageContaining("expected.documented.error: must be an exception type");
        assertThatThrownBy(() -> load(GOOD + expected.formatted("{error: raised}")))
                .isInstanceOf(CatalogueException.class).hasMessageContaining("got 'raised'");
        assertThatThrownBy(() -> load(GOOD + expected.formatted("{error-by-cause: {stale: TypeError}}")))
                .isInstanceOf(CatalogueException.class).hasMessageContaining("unknown cause 'stale'");
        assertThatThrownBy(() -> load(GOOD + expected.formatted("{preset-error: dropped}")))
                .isInstanceOf(CatalogueException.class).hasMessageContaining("unknown preset-error fate 'dropped'");
        assertThatThrownBy(() -> load(GOOD + expected.formatted("{error: TypeError, error-by-cause: {no-buffer: TypeError}}")))
                .isInstanceOf(CatalogueException.class).hasMessageContaining("not both");
    }

    private static Catalogue loadWithTopics(String topics, String entries) {
        String yaml = "version: \"t\"\ntopics:\n" + topics.indent(2) + "assertions:\n" + entries.indent(2);
        return Catalogue.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    @Test
    void anAssertionWithoutANoteInheritsItsTopics() {
        Catalogue c = loadWithTopics("success: {note: from the topic}\n",
                GOOD + GOOD.replace("char01", "char02") + "  note: its own\n");
        assertThat(c.get("char01").note()).isEqualTo("from the topic");
        assertThat(c.get("char02").note()).isEqualTo("its own");
    }

    @Test
    void aMalformedOrUnusedTopicIsNamed() {
        assertThatThrownBy(() -> loadWithTopics("success: just text\n", GOOD))
                .isInstanceOf(CatalogueException.class).hasMessageContaining("topics.success: expected exactly {note: text}");
        assertThatThrownBy(() -> loadWithTopics("success: {note: x, why: y}\n", GOOD))
                .isInstanceOf(CatalogueException.class).hasMessageContaining("topics.success: expected exactly {note: text}");
        assertThatThrownBy(() -> loadWithTopics("sucess: {note: x}\n", GOOD))
                .isInstanceOf(CatalogueException.class).hasMessageContaining("topics.sucess: no assertion has this topic");
    }
}
