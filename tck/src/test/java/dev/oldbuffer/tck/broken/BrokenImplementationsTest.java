package dev.oldbuffer.tck.broken;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.results.AssertionResult;
import dev.oldbuffer.results.Outcome;
import dev.oldbuffer.results.RunResult;
import dev.oldbuffer.tck.TckConfig;
import dev.oldbuffer.tck.assertions.TckMessages;
import dev.oldbuffer.tck.properties.PropertyHook;
import dev.oldbuffer.tck.properties.PropertySettings;
import dev.oldbuffer.tck.run.TckRunner;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The kit proves itself: run whole against each deliberately broken implementation, it fails exactly the
 * assertions the defect breaks - no more, no fewer - and says why in the shape of its message factories; run the
 * same way against the reference implementation, it fails none. Runs use a fixed seed, fewer tries and no shrinking,
 * so that they are quick and their findings do not depend on chance.
 */
class BrokenImplementationsTest {

    static final String SEED = "42";
    static final String TRIES = "200";

    /** What each defect must be caught at: the exact ids, and one of them with the expectation its message states. */
    record Expected(Set<String> failed, Set<String> crashed, String id, String fragment) {
        Expected(String ids, String id, String fragment) {
            this(Set.of(ids.split(" ")), Set.of(), id, fragment);
        }
    }

    static final Map<Defect, Expected> EXPECTED = new EnumMap<>(Map.ofEntries(
            Map.entry(Defect.SUCCESS_RETURNS_ONE, new Expected(
                    "char01 char02 char03 char04 char05 char06 char07 char08 char16 read22 char30 char33",
                    "char01", outcome(TckMessages.shouldReturn("", "", 0, 1)))),
            Map.entry(Defect.LENGTH_IN_ITEMS, new Expected(
                    "char03 read03 write03 write04 char33 read33 write33",
                    "char03", outcome(TckMessages.shouldSetLength("", "", 12, 3)))),
            Map.entry(Defect.ACCEPTS_STRIDED, new Expected(
                    "char11 char12 read11 read12 check07 char30 char32 char33 read30 read32 read33",
                    "char11", outcome(TckMessages.shouldReturn("", "", -1, 0)))),
            Map.entry(Defect.CHECK_LEAVES_ERROR, new Expected(
                    "check05 check31 check32 check33",
                    "check05", outcome(TckMessages.shouldLeaveNoError("", "", "BufferError")))),
            Map.entry(Defect.WRONG_EXCEPTION_TYPE, new Expected(
                    "write07 write08 write10 write31 write32",
                    "write07", outcome(TckMessages.shouldSetError("", "", "TypeError", "BufferError")))),
            Map.entry(Defect.VIEW_NEVER_RELEASED, new Expected(
                    "char15 char16 read15 read16 check08 write13 write14 char33 read33 check33 write33",
                    "char15", outcome(TckMessages.shouldRelease("", "", "acquires == releases", "1 acquired, 0 released")))),
            Map.entry(Defect.RELEASED_TWICE, new Expected(
                    "char15 char16 read15 read16 check08 write13 write14 char33 read33 check33 write33",
                    "char15", outcome(TckMessages.shouldRelease("", "", "acquires == releases", "1 acquired, 2 released")))),
            Map.entry(Defect.POINTER_TO_A_COPY, new Expected(
                    "char04 char06 read04 read06 read22 write04 write05 write15 char33 read33 write33",
                    "char06", expectation(TckMessages.shouldPointInside("", "", "", "")))),
            Map.entry(Defect.WRITABLE_READ_ONLY, new Expected(
                    "write06 write07 write30 write32 write33",
                    "write06", outcome(TckMessages.shouldReturn("", "", -1, 0)))),
            Map.entry(Defect.CHECK_RETURNS_TWO, new Expected(
                    "check01 check07 check08 check10 check30 check32 check33",
                    "check01", outcome(TckMessages.shouldReturn("", "", 1, 2)))),
            Map.entry(Defect.CHECK_IGNORES_CONTIGUITY, new Expected(
                    "check03 check04 check07 check30 check32 check33",
                    "check03", outcome(TckMessages.shouldReturn("", "", 0, 1)))),
            Map.entry(Defect.SUCCESS_LEAVES_ERROR, new Expected(
                    "read08 read22 read31 read33",
                    "read08", outcome(TckMessages.shouldLeaveNoError("", "", "BufferError")))),
            Map.entry(Defect.ACCEPTS_STR, new Expected(
                    "char09 char10 read22 char30 char32 char33",
                    "char09", outcome(TckMessages.shouldReturn("", "", -1, 0)))),
            Map.entry(Defect.EMPTY_REFUSED, new Expected(
                    "char02 char03 char06 char07 read02 read03 read06 read07 check07 write02 write03 write04 write12 "
                            + "char30 char33 read30 read33 write30 write33",
                    "char07", outcome(TckMessages.shouldReturn("", "", 0, -1)))),
            Map.entry(Defect.OUT_PARAMS_ON_FAILURE, new Expected(
                    "char17 read17 write16",
                    "char17", outcome(TckMessages.shouldLeaveSlotsUntouched("", "", "buffer written with 0x0, buffer_len written with 0")))),
            Map.entry(Defect.PRESET_ERROR_CLEARED, new Expected(
                    "char21 read21 write20",
                    "char21", outcome(TckMessages.shouldSetError("", "", "RuntimeError", "no error set")))),
            Map.entry(Defect.NULL_CRASHES, new Expected(Set.of(), Set.of("char18", "read18", "write17"),
                    "char18", "segmentation fault"))));

    @ParameterizedTest
    @EnumSource(Defect.class)
    void theKitFailsExactlyTheAssertionsTheDefectBreaks(Defect defect) {
        Expected expected = EXPECTED.get(defect);
        RunResult result = run(defect.providerId(), defect.profile, "OFF");

        assertThat(result.complete()).as("run complete").isTrue();
        assertThat(ids(result, Outcome.FAILED)).as("%s: failed assertions", defect.id).isEqualTo(new TreeSet<>(expected.failed()));
        assertThat(ids(result, Outcome.CRASHED)).as("%s: crashed assertions", defect.id).isEqualTo(new TreeSet<>(expected.crashed()));
        assertThat(ids(result, Outcome.NOT_APPLICABLE)).as("%s: not applicable", defect.id).isEmpty();
        assertThat(detail(result, expected.id())).as("%s: why %s failed", defect.id, expected.id()).contains(expected.fragment());
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theReferenceImplementationFailsNoneRunTheSameWay(Profile profile) {
        RunResult result = run("reference", profile, "OFF");

        assertThat(result.complete()).isTrue();
        assertThat(result.assertions()).filteredOn(a -> a.outcome() != Outcome.PASSED).isEmpty();
    }

    /**
     * A runtime without the optional features fails nothing: what needs a missing feature - examples and properties
     * alike - comes out not applicable, the rest passes on the objects it can build.
     */
    @Test
    void missingFeaturesMakeAssertionsNotApplicableNeverFailed() {
        RunResult result = run("limited", Profile.DOCUMENTED, "OFF");

        assertThat(ids(result, Outcome.FAILED)).isEmpty();
        assertThat(ids(result, Outcome.NOT_APPLICABLE)).contains("char02", "char04", "char15", "char16", "char33", "write04",
                "check08", "write33");
        assertThat(detail(result, "char33")).contains("not applicable").contains("MEMORY_READ");
        assertThat(ids(result, Outcome.PASSED)).contains("char01", "char30", "char31", "read22", "check07", "check33");
    }

    /**
     * A falsified property's message carries what reproduces it - the run's seed, the tries, the shrunk sample - and
     * the seed is the one stamped on the run; the same seed finds the same counterexample again, shrunk the same way.
     */
    @Test
    void aFalsifiedPropertyReportsItsSeedAndShrunkSampleAndReproduces() {
        RunResult first = run(Defect.ACCEPTS_STRIDED.providerId(), Profile.DOCUMENTED, "FULL");
        RunResult again = run(Defect.ACCEPTS_STRIDED.providerId(), Profile.DOCUMENTED, "FULL");

        assertThat(first.seed()).isEqualTo(SEED);
        String why = detail(first, "char30");
        assertThat(why).contains("seed " + SEED + " (rerun with -D" + PropertySettings.SEED + "=" + SEED + ")")
                .contains("Shrunk sample (").contains(expectation(TckMessages.shouldReturn("", "", -1, 0)));
        assertThat(detail(again, "char30")).isEqualTo(why);

        // A stateful chain shrinks until the kit's bound, which counts work, not seconds: the same sample every time.
        String chain = detail(first, "char33");
        assertThat(chain).contains("shrinking stopped at the kit's bound of " + PropertyHook.SHRINKING_TRIES + " tries")
                .contains("\"PyObject_AsCharBuffer(#0)\"");
        assertThat(detail(again, "char33")).isEqualTo(chain);
    }

    private static RunResult run(String implementation, Profile profile, String shrinking) {
        long start = System.nanoTime();
        RunResult result = new TckRunner(new TckConfig(implementation, Map.of(), profile)).seed(SEED)
                .parameter(PropertySettings.TRIES, TRIES).parameter("jqwik.shrinking.default", shrinking).run();
        System.out.printf("%-32s %s [%d ms]%n", implementation, result.summaryLine(), (System.nanoTime() - start) / 1_000_000);
        return result;
    }

    private static Set<String> ids(RunResult result, Outcome outcome) {
        return result.assertions().stream().filter(a -> a.outcome() == outcome).map(AssertionResult::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String detail(RunResult result, String id) {
        return result.assertions().stream().filter(a -> a.id().equals(id)).map(AssertionResult::detail).findFirst().orElse("");
    }

    /** The part of a factory's message that states what was expected and what came instead, without the call. */
    static String outcome(String message) {
        return message.substring(message.indexOf("\nto "));
    }

    /** The part of a factory's message that states what was expected ("to ...:"), without the values. */
    static String expectation(String message) {
        String tail = outcome(message);
        return tail.substring(0, tail.indexOf(":\n") + 1);
    }

    /** Every defect has its expectations here. */
    @Test
    void everyDefectIsListed() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrder(Defect.values());
        assertThat(List.of(Defect.values())).hasSizeGreaterThanOrEqualTo(15);
    }
}
