package dev.oldbuffer.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oldbuffer.catalogue.Assertion;
import dev.oldbuffer.catalogue.Catalogue;
import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.results.AssertionResult;
import dev.oldbuffer.results.Outcome;
import dev.oldbuffer.results.RunResult;
import dev.oldbuffer.tck.run.TckRunner;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The bundled reference implementation passes every assertion of each profile it models, with nothing
 * skipped; modelling the page under the cpython profile fails exactly where the page and CPython part ways.
 */
class ReferenceConformanceTest {

    @ParameterizedTest
    @EnumSource(Profile.class)
    void referencePassesEveryAssertionOfTheProfile(Profile profile) {
        RunResult result = new TckRunner(new TckConfig("reference", Map.of(), profile)).run();
        System.out.println(result.summaryLine() + "  [" + result.durationMillis() + " ms]");

        assertThat(result.complete()).as("run complete").isTrue();
        assertThat(result.assertions()).extracting(AssertionResult::id)
                .containsExactlyElementsOf(Catalogue.bundled().of(profile).stream().map(Assertion::id).toList());
        assertThat(result.assertions()).filteredOn(a -> a.outcome() != Outcome.PASSED && a.outcome() != Outcome.NOT_VERIFIED)
                .as("assertions the reference implementation does not pass").isEmpty();
        // not verified: exactly the untestable ones, with the catalogue's reason
        assertThat(result.assertions()).filteredOn(a -> a.outcome() == Outcome.NOT_VERIFIED).extracting(AssertionResult::id)
                .containsExactlyElementsOf(Catalogue.bundled().of(profile).stream().filter(a -> !a.testable()).map(Assertion::id).toList())
                .isNotEmpty();
        assertThat(result.assertions()).filteredOn(a -> a.outcome() == Outcome.NOT_VERIFIED)
                .allSatisfy(a -> assertThat(a.detail()).startsWith("not verified: " + a.id() + ": ")
                        .contains(Catalogue.bundled().get(a.id()).note()));
        assertThat(result.runtimeDetails()).containsEntry("flavour", profile.id());
    }

    /**
     * The documented model checked against the cpython profile must fail the assertions where CPython
     * differs from the page: the error types that CPython passes on, NULL handling and message texts.
     */
    @Test
    void theDocumentedModelFailsWhereCPythonDiffers() {
        RunResult result = new TckRunner(new TckConfig("reference", Map.of("model", "documented"), Profile.CPYTHON)).run();
        Set<String> failed = result.assertions().stream().filter(a -> a.outcome() == Outcome.FAILED)
                .map(AssertionResult::id).collect(Collectors.toSet());

        List<String> differingExpectations = Catalogue.bundled().testable(Profile.CPYTHON).stream()
                .filter(a -> a.expectedFor(Profile.DOCUMENTED).isPresent()
                        && !a.expectedFor(Profile.DOCUMENTED).equals(a.expectedFor(Profile.CPYTHON)))
                .map(Assertion::id).toList();
        assertThat(differingExpectations).isNotEmpty();
        assertThat(failed).containsAll(differingExpectations)
                // NULL arguments: TypeError instead of SystemError, and instead of an error already set; AsWriteBuffer: the
                // TypeError quotes the cause;
                // the properties' error types per cause (x31, x32) and CheckReadBuffer keeping an earlier error (check32);
                // PEP 688 refusals that pass on what __buffer__ raised (char26, read27); what CPython passes on from an
                // exporter that breaks a rule (x41, write44) or fails silently (char43, read43)
                .containsExactlyInAnyOrder("char12", "char13", "char14", "char24", "read12", "read13", "read14", "read25",
                        "char18", "read18", "write17", "char22", "read23", "write21", "write19", "char31", "read31", "char32",
                        "read32", "check32", "char26", "read27",
                        "char41", "read41", "check41", "write41", "write44", "char43", "read43",
                        // the replacements: the documented model's TypeError is not the exporter's error GetBuffer passes on
                        "char36", "read36");
        assertThat(result.assertions()).filteredOn(a -> a.outcome() != Outcome.PASSED && a.outcome() != Outcome.FAILED
                        && a.outcome() != Outcome.NOT_VERIFIED)
                .as("no crash, time-out or not-applicable on the model").isEmpty();
    }
}
