package dev.oldbuffer.catalogue;

import dev.oldbuffer.spi.Profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oldbuffer.spi.Function;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
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
}
