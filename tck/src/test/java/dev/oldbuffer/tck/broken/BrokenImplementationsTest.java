package dev.oldbuffer.tck.broken;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.results.AssertionResult;
import dev.oldbuffer.results.Failure;
import dev.oldbuffer.results.Outcome;
import dev.oldbuffer.results.RunResult;
import dev.oldbuffer.tck.Subject;
import dev.oldbuffer.tck.TckConfig;
import dev.oldbuffer.tck.assertions.SpecViolation;
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

    /**
     * What each defect must be caught at: the exact ids, and for one of them the failure the kit must report, as the
     * factory that states it makes it (a null field of {@code like} is not compared).
     */
    record Expected(Set<String> failed, Set<String> crashed, String id, Failure like) {
        Expected(String ids, String id, Failure like) {
            this(Set.of(ids.split(" ")), Set.of(), id, like);
        }
    }

    static final Map<Defect, Expected> EXPECTED = new EnumMap<>(Map.ofEntries(
            Map.entry(Defect.SUCCESS_RETURNS_ONE, new Expected(
                    "char35 char48 char47 char46 char45 char29 char28 char44 char25 char27 char01 char02 char03 char04 char05 char06 char07 char08 char16 read22 char30 char33",
                    "char01", outcome(TckMessages.shouldReturn("", "", 0, 1)))),
            Map.entry(Defect.LENGTH_IN_ITEMS, new Expected(
                    "char35 read35 write35 char45 read46 write47 char28 read29 write28 char44 read44 write45 char03 read03 write03 write04 char33 read33 write33",
                    "char03", outcome(TckMessages.shouldSetLength("", "", 12, 3)))),
            Map.entry(Defect.ACCEPTS_STRIDED, new Expected(
                    "char35 read35 char40 read40 char26 read27 char11 char12 read11 read12 check07 char30 char32 char33 read30 read32 read33",
                    "char11", outcome(TckMessages.shouldReturn("", "", -1, 0)))),
            Map.entry(Defect.CHECK_LEAVES_ERROR, new Expected(
                    "check40 check13 check12 check05 check31 check32 check33",
                    "check05", outcome(TckMessages.shouldLeaveNoError("", "", "BufferError: memoryview: underlying buffer is not C-contiguous")))),
            Map.entry(Defect.WRONG_EXCEPTION_TYPE, new Expected(
                    "write46 write40 write42 write43 write26 write24 write07 write08 write10 write31 write32",
                    "write07", outcome(TckMessages.shouldSetError("", "", "TypeError", "BufferError: Object is not writable.")))),
            Map.entry(Defect.VIEW_NEVER_RELEASED, new Expected(
                    "char39 read39 check37 write38 char35 char37 char38 char48 check35 read35 read38 write35 write36 char47 check19 read48 write49 char46 check18 read47 write48 char34 read34 check34 write34 check07 read22 write15 char40 char44 check40 check44 read40 read44 write40 write43 write45 char25 char27 check13 check14 read26 read28 write25 write27 char15 char16 read15 read16 check08 write13 write14 char33 read33 check33 write33",
                    "char15", outcome(TckMessages.shouldRelease("", "", "acquires == releases", "1 acquired, 0 released")))),
            Map.entry(Defect.RELEASED_TWICE, new Expected(
                    "char39 read39 check37 write38 char48 read38 char46 check18 read47 write48 char34 read34 check34 write34 char40 char44 check40 check44 read40 read44 write40 write43 write45 char25 char27 check13 check14 read26 read28 write25 write27 char15 char16 read15 read16 check08 write13 write14 char33 read33 check33 write33",
                    "char15", outcome(TckMessages.shouldRelease("", "", "acquires == releases", "1 acquired, 2 released")))),
            Map.entry(Defect.POINTER_TO_A_COPY, new Expected(
                    "char35 read35 write35 char46 read47 write48 char45 read46 write47 char29 read45 write29 char28 read29 write28 char25 char27 read26 read28 write25 write27 write23 char04 char06 read04 read06 read22 write04 write05 write15 char33 read33 write33",
                    "char06", expectation(TckMessages.shouldPointInside("", "", "", "")))),
            Map.entry(Defect.WRITABLE_READ_ONLY, new Expected(
                    "write35 write46 write43 write26 write24 write06 write07 write30 write32 write33",
                    "write06", outcome(TckMessages.shouldReturn("", "", -1, 0)))),
            Map.entry(Defect.CHECK_RETURNS_TWO, new Expected(
                    "check35 check17 check01 check07 check08 check10 check11 check30 check32 check33",
                    "check01", outcome(TckMessages.shouldReturn("", "", 1, 2)))),
            Map.entry(Defect.CHECK_IGNORES_CONTIGUITY, new Expected(
                    "check35 check45 check18 check40 check42 check44 check13 check14 check12 check03 check04 check07 check30 check32 check33",
                    "check03", outcome(TckMessages.shouldReturn("", "", 0, 1)))),
            Map.entry(Defect.SUCCESS_LEAVES_ERROR, new Expected(
                    "read45 read40 read26 read08 read22 read31 read33",
                    "read08", outcome(TckMessages.shouldLeaveNoError("", "", "BufferError: Object is not writable.")))),
            Map.entry(Defect.ACCEPTS_STR, new Expected(
                    "char35 char09 char10 read22 char30 char32 char33",
                    "char09", outcome(TckMessages.shouldReturn("", "", -1, 0)))),
            Map.entry(Defect.EMPTY_REFUSED, new Expected(
                    "char35 read35 write35 char02 char03 char06 char07 read02 read03 read06 read07 check07 write02 write03 write04 write12 "
                            + "char30 char33 read30 read33 write30 write33",
                    "char07", outcome(TckMessages.shouldReturn("", "", 0, -1)))),
            Map.entry(Defect.OUT_PARAMS_ON_FAILURE, new Expected(
                    "char17 read17 write16",
                    "char17", outcome(TckMessages.shouldLeaveSlotsUntouched("", "", "buffer written with 0x0, buffer_len written with 0")))),
            Map.entry(Defect.PRESET_ERROR_CLEARED, new Expected(
                    "char21 char22 read21 read23 write20 write21",
                    "char21", outcome(TckMessages.shouldSetError("", "", "RuntimeError", "no error set")))),
            Map.entry(Defect.SUBCLASSES_REFUSED, new Expected(
                    "char35 read35 write35 write30 char23 read24 write22 char01 char02 char03 char04 char05 char08 read01 read02 read03 read04 read05 read08 "
                            + "write01 write02 write03 write04 write05 write11 char30 read30 check07",
                    "char23", outcome(TckMessages.shouldReturn("", "", 0, -1)))),
            Map.entry(Defect.MMAP_REFUSED, new Expected(
                    "char35 read35 write35 write23 char01 char02 char03 char04 char05 char08 read01 read02 read03 read04 read05 read08 write01 write02 "
                            + "write03 write04 write05 write11 char30 read30 write30 char16 read16 write14 check07",
                    "write23", outcome(TckMessages.shouldReturn("", "", 0, -1)))),
            Map.entry(Defect.PEP688_REFUSED, new Expected(
                    "char35 check35 read35 write35 char25 char27 read26 read28 check13 check14 write25 write27 char01 char02 char03 char04 char05 char08 read01 read02 "
                            + "read03 read04 read05 read08 write01 write02 write03 write04 write05 write11 char30 read30 write30 check01 "
                            + "check30",
                    "char25", outcome(TckMessages.shouldReturn("", "", 0, -1)))),
            Map.entry(Defect.TRUSTS_THE_EXPORTER, new Expected(
                    "char40 read40 check40 write40 write43",
                    "char40", outcome(TckMessages.shouldReturn("", "", -1, 0)))),
            Map.entry(Defect.C_ORDER_ONLY, new Expected(
                    "char48 char44 read44 check44 write45",
                    "char44", outcome(TckMessages.shouldReturn("", "", 0, -1)))),
            Map.entry(Defect.RECHECKS_THE_VIEW, new Expected(
                    "write37 char41 read41 check41 write41 write44",
                    "char41", outcome(TckMessages.shouldReturn("", "", 0, -1)))),
            Map.entry(Defect.LENGTH_IN_AN_INT, new Expected(
                    "char47 read48 write49",
                    "char47", outcome(TckMessages.shouldSetLength("", "", Fixture.LargeMap.OVER_2_GIB, (int) Fixture.LargeMap.OVER_2_GIB)))),
            Map.entry(Defect.INHERITED_SLOT, new Expected(
                    "char02 char03 char04 read02 read03 read04 write02 write03 write04 write05 char46 read47 check18 write48",
                    "char46", outcome(TckMessages.shouldSetLength("", "", 27, 28)))),
            Map.entry(Defect.FORMAT_TABLE_LENGTH, new Expected(
                    "char35 read35 write35 char45 read46 write47 char03 read03 write03 write04",
                    "char45", outcome(TckMessages.shouldSetLength("", "", 16, 4)))),
            Map.entry(Defect.DECREF_FORGOTTEN, new Expected(
                    "char34 read34 check34 write34 char39 read39 check37 write38",
                    "char34", outcome(TckMessages.shouldKeepTheReferenceCount("", "", "+1")))),
            Map.entry(Defect.EXCEPTION_KEPT, new Expected(
                    "char39 read39 write38",
                    "char39", outcome(TckMessages.shouldKeepTheTotalReferenceCount("", "", "+1")))),
            Map.entry(Defect.OWNERLESS_REFUSED, new Expected(
                    "char35 check35 read35 write35 char29 read45 check16 write29 char02 char03 char04 char30 check30 check32 read02 read03 read04 read30 write02 write03 write04 write05 write30",
                    "char29", outcome(TckMessages.shouldReturn("", "", 0, -1)))),
            Map.entry(Defect.OWNERLESS_WRITABLE, new Expected(
                    "write46 write32",
                    "write46", outcome(TckMessages.shouldReturn("", "", -1, 0)))),
            Map.entry(Defect.BYTE_FORMATS_ONLY, new Expected(
                    "char35 check35 read35 write35 char28 read29 check15 write28 char01 char02 char03 char04 char08 char30 char44 check01 check30 check32 check44 "
                            + "read01 read02 read03 read04 read08 read30 read44 write01 write02 write03 write04 write05 write11 write30 write45",
                    "char28", outcome(TckMessages.shouldReturn("", "", 0, -1)))),
            Map.entry(Defect.NULL_REPLACES_EARLIER_ERROR, new Expected(
                    "char22 read23 write21",
                    "char22", outcome(TckMessages.shouldSetError("", "", "RuntimeError", "SystemError: null argument to internal routine")))),
            Map.entry(Defect.GET_BUFFER_FORGETS_READONLY, new Expected("write37",
                    "write37", expectation(TckMessages.shouldHave("", "", "report the object's byte length and whether it is read-only",
                            "", "")))),
            Map.entry(Defect.Y_STAR_ANY_ORDER, new Expected("char48",
                    "char48", expectation(TckMessages.shouldHave("", "",
                            "refuse a Fortran-ordered view with a TypeError (y* demands C order)", "", "")))),
            Map.entry(Defect.GET_BUFFER_RELEASES_AT_ONCE, new Expected("read38",
                    "read38", expectation(TckMessages.shouldHave("", "", Subject.KEEPS_THE_EXPORT, "", "")))),
            Map.entry(Defect.Y_HASH_IGNORES_THE_RELEASE_SLOT, new Expected("read37",
                    "read37", expectation(TckMessages.shouldHave("", "", "refuse with a TypeError an object whose type has "
                            + "bf_releasebuffer", "", "")))),
            Map.entry(Defect.CHECK_BUFFER_ASKS_THE_EXPORTER, new Expected("check36 check45",
                    "check36", expectation(TckMessages.shouldHave("", "", "ask the exporter for nothing, leaving its counts", "", "")))),
            Map.entry(Defect.W_STAR_KEEPS_THE_ERROR, new Expected("write36",
                    "write36", outcome(TckMessages.shouldSetError("", "", "TypeError", "BufferError: Object is not writable.")))),
            Map.entry(Defect.NULL_CRASHES, new Expected(Set.of(), Set.of("char18", "char22", "read18", "read23", "write17", "write21"),
                    "char18", new Failure(Failure.Kind.CRASH, "", null, "segmentation fault (NULL dereferenced)", null, null, null)))));

    @ParameterizedTest
    @EnumSource(Defect.class)
    void theKitFailsExactlyTheAssertionsTheDefectBreaks(Defect defect) {
        Expected expected = EXPECTED.get(defect);
        RunResult result = run(defect.providerId(), defect.profile, "OFF");

        assertThat(result.complete()).as("run complete").isTrue();
        assertThat(ids(result, Outcome.FAILED)).as("%s: failed assertions", defect.id).isEqualTo(new TreeSet<>(expected.failed()));
        assertThat(ids(result, Outcome.CRASHED)).as("%s: crashed assertions", defect.id).isEqualTo(new TreeSet<>(expected.crashed()));
        assertThat(ids(result, Outcome.NOT_APPLICABLE)).as("%s: not applicable", defect.id).isEmpty();
        Failure seen = result(result, expected.id()).failure();
        Failure like = expected.like();
        assertThat(seen).as("%s: why %s failed", defect.id, expected.id()).isNotNull();
        assertThat(seen.kind()).as("%s: %s", defect.id, seen).isEqualTo(like.kind());
        assertThat(seen.check()).as("%s: %s", defect.id, seen).isEqualTo(like.check());
        if (!like.expected().equals(ANY)) {
            assertThat(seen.expected()).as("%s: %s", defect.id, seen).isEqualTo(like.expected());
        }
        if (!like.observed().equals(ANY)) {
            assertThat(seen.summary()).as("%s: %s", defect.id, seen).isEqualTo(like.observed());
        }
        assertThat(detail(result, expected.id())).as("the message a person reads states the same").contains(seen.summary());
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theReferenceImplementationFailsNoneRunTheSameWay(Profile profile) {
        RunResult result = run("reference", profile, "OFF");

        assertThat(result.complete()).isTrue();
        assertThat(result.assertions()).filteredOn(a -> a.outcome() != Outcome.PASSED && a.outcome() != Outcome.NOT_VERIFIED).isEmpty();
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
                .contains("Shrunk sample (");
        Failure failure = result(first, "char30").failure();
        assertThat(failure.check()).isEqualTo(TckMessages.shouldReturn("", "", -1, 0).failure().check());
        assertThat(failure.property().seed()).isEqualTo(SEED);
        assertThat(failure.property().tries()).isPositive();
        assertThat(failure.property().sample()).isNotEmpty();
        assertThat(failure.transcript()).contains("PyObject_AsCharBuffer(");
        assertThat(detail(again, "char30")).isEqualTo(why);
        assertThat(result(again, "char30").failure()).isEqualTo(failure);

        // A stateful chain shrinks until the kit's bound, which counts work, not seconds: the same sample every time.
        String chain = detail(first, "char33");
        assertThat(chain).contains("shrinking stopped at the kit's bound of " + PropertyHook.SHRINKING_TRIES + " tries")
                .contains("\"PyObject_AsCharBuffer(#0)\"");
        assertThat(result(first, "char33").failure().property().shrinkingBound())
                .startsWith("shrinking stopped at the kit's bound of " + PropertyHook.SHRINKING_TRIES + " tries");
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
        return result(result, id).detail();
    }

    private static AssertionResult result(RunResult result, String id) {
        return result.assertions().stream().filter(a -> a.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + id));
    }

    /** In an expected failure: any value. */
    static final String ANY = "(any)";

    /** What a factory's failure states: the check, the expected and the observed value (the call is the run's). */
    static Failure outcome(SpecViolation made) {
        Failure f = made.failure();
        return new Failure(f.kind(), f.check(), f.expected(), f.observed(), null, null, null);
    }

    /** What a factory's failure checks, whatever the values. */
    static Failure expectation(SpecViolation made) {
        Failure f = made.failure();
        return new Failure(f.kind(), f.check(), ANY, ANY, null, null, null);
    }

    /** Every defect has its expectations here. */
    @Test
    void everyDefectIsListed() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrder(Defect.values());
        assertThat(List.of(Defect.values())).hasSizeGreaterThanOrEqualTo(15);
    }
}
