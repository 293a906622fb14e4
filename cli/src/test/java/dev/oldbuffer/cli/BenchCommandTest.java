package dev.oldbuffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code oldbuffer-tck bench}: what it prints, never how fast (the machine decides that), and its usage errors. */
class BenchCommandTest {

    @Test
    void printsTheCeilingTheReferenceAndTheirRatio() {
        Cli cli = Cli.run("bench", "--impl", "reference", "--tries", "3,6", "--rounds", "1");
        assertThat(cli.exit()).as("stderr: %s", cli.err()).isZero();
        assertThat(cli.out().lines().toList())
                .first().asString().startsWith("oldbuffer-tck bench: profile documented, seed 20261127, 3 and 6 tries, median of 1 rounds");
        assertThat(cli.out()).containsPattern("(?m)^jqwik alone, byte arrays <= 64 \\(the ceiling\\) +([\\d,]+|too short)  -$")
                .containsPattern("(?m)^the kit against the reference +([\\d,]+|too short)  (\\d+% of the ceiling|-)$")
                .doesNotContain("round trips")   // the reference makes none
                .doesNotContain("replayed");   // nor has answers to record
        assertThat(cli.err()).contains("bench: reference, warming up", "bench: round 1, reference at 3 and 6 tries");
    }

    @Test
    void severalRoundsShowTheRangeOfTheirRatios() {
        Cli cli = Cli.run("bench", "--impl", "reference", "--tries", "3,6", "--rounds", "2");
        assertThat(cli.exit()).as("stderr: %s", cli.err()).isZero();
        // each round's ratio is to the ceiling of the same round; a round too short to measure is left out, and says so;
        // at these few tries the machine's noise may exceed what a rate rests on, which the line says too
        assertThat(cli.out()).containsPattern("(?m)^the kit against the reference +([\\d,]+|too short)  (\\d+% of the ceiling"
                + "( \\((\\d+ to \\d+% in 2 rounds|in 1 of 2 rounds, the others too short)\\))?"
                + "(; within the noise: runs at the same tries differed by \\d+\\.\\d\\d s between rounds, more than the -?\\d+\\.\\d\\d s the rate rests on)?"
                + "|-)$");
    }

    private static Set<Path> tapes() throws IOException {
        try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return tmp.filter(p -> p.getFileName().toString().startsWith("oldbuffer-bench-answers-")).collect(Collectors.toSet());
        }
    }

    /**
     * python3 through ctypes lacks features some properties need, and fails some: over the properties it passed at both
     * tries, the reference's rate is measured again, so that the ratio compares the same work. The kit alone
     * is measured over the same properties: the same runs again against the answers python3 gave, recorded before the
     * rounds into temporary files; what a live case costs beyond it is the interpreter's and the crossings' share.
     */
    @Test
    void aRuntimeThatSkipsOrFailsPropertiesIsComparedOverTheOnesItPassedAndAgainstItsAnswersReplayed(@TempDir Path dir) throws IOException {
        Set<Path> tapesBefore = tapes();
        Cli cli = Cli.run("bench", "--impl", "capi-process", "-o", "probe=ctypes", "-o", "cache=" + dir, "--tries", "3,6", "--rounds", "1");
        assertThat(cli.exit()).as("stderr: %s", cli.err()).isZero();
        assertThat(cli.out()).containsPattern("(?m)^the kit against CPython \\S+ +([\\d,]+|too short)  (\\d+% of the reference|-)"
                + "(; \\d+\\.\\d\\d round trips per case)?$");
        Matcher same = Pattern.compile("(?m)^  the same, over the (\\d+) of (\\d+) properties it passed +([\\d,]+|too short)  "
                + "(\\d+% of the reference on them|-) \\(the reference: ([\\d,]+|too short) cases/s\\)$").matcher(cli.out());
        assertThat(same.find()).as("the line of the same properties in:%n%s", cli.out()).isTrue();
        assertThat(Integer.parseInt(same.group(1))).isPositive().isLessThan(Integer.parseInt(same.group(2)));

        assertThat(cli.err()).contains("bench: capi-process, recording its answers at 3 and 6 tries",
                "bench: round 1, capi-process's answers replayed at 3 and 6 tries");
        assertThat(cli.out()).containsPattern("(?m)^  the kit alone, on its answers replayed +([\\d,]+|too short)  "
                        + "(\\d+% of the reference on them|-)$")
                .containsPattern("(?m)^  so the interpreter and the crossings take +(-?\\d+\\.\\d  microseconds a case"
                        + "( \\(-?\\d+\\.\\d a round trip\\))?; the kit alone (\\d+\\.\\d|too short), the reference (\\d+\\.\\d|too short)|too short  -)$")
                .containsPattern("(?m)^  CPython \\S+, its answers replayed +[\\d,]+ in +[\\d.]+ s, +[\\d,]+ in +[\\d.]+ s$");
        assertThat(tapes()).isEqualTo(tapesBefore);
    }

    /**
     * A rate resting on a difference smaller than the rounds' own spread is flagged (PyPy's: its properties stop at an
     * early try, so the run at the higher tries adds a third of a second to runs of nine); a long difference is not.
     */
    @Test
    void aRateWithinTheRoundsNoiseSaysSo() {
        List<BenchCommand.Rate> pypyLike = List.of(rate(8_840, 9_180), rate(8_310, 8_700), rate(9_050, 9_330));
        assertThat(BenchCommand.noise(pypyLike))
                .isEqualTo("; within the noise: runs at the same tries differed by 0.74 s between rounds, more than the 0.34 s the rate rests on");
        List<BenchCommand.Rate> cpythonLike = List.of(rate(1_500, 4_700), rate(1_650, 4_900), rate(1_420, 4_550));
        assertThat(BenchCommand.noise(cpythonLike)).isEmpty();
        assertThat(BenchCommand.noise(List.of(rate(8_840, 9_180)))).as("one round has no spread to compare with").isEmpty();
    }

    /** A ratio measured in fewer rounds than were run says in how many, even when only one could be measured. */
    @Test
    void aRatioSaysHowManyRoundsItRestsOn() {
        BenchCommand.Rate tooShort = new BenchCommand.Rate(sample(700, 1_000), sample(700, 2_000));   // no case added
        List<BenchCommand.Rate> bases = List.of(rate(1_000, 2_000), rate(1_000, 2_000), rate(1_000, 2_000));
        assertThat(BenchCommand.ratios(List.of(rate(1_000, 2_000), tooShort, tooShort), bases, "the base"))
                .isEqualTo("100% of the base (in 1 of 3 rounds, the others too short)");
        assertThat(BenchCommand.ratios(List.of(rate(1_000, 2_000), rate(1_000, 3_000), tooShort), bases, "the base"))
                .isEqualTo("100% of the base (50 to 100% in 2 of 3 rounds, the others too short)");   // the upper of two
        assertThat(BenchCommand.ratios(List.of(rate(1_000, 2_000)), bases.subList(0, 1), "the base")).isEqualTo("100% of the base");
    }

    /**
     * Only a property passed at both tries ran every try of both: one that failed stopped at its failing try and shrank,
     * at the same try in both runs (no case added) or at a later one (cases of its shrinking, not of more tries).
     */
    @Test
    void theSameWorkIsThePropertiesPassedAtBothTries() {
        BenchCommand.Rate rate = new BenchCommand.Rate(
                properties(Map.of("passes", cost(700, true), "fails early", cost(12, false), "fails late", cost(651, true),
                        "skipped at 700", cost(0, true))),
                properties(Map.of("passes", cost(3_500, true), "fails early", cost(12, false), "fails late", cost(1_210, false))));
        assertThat(rate.passed()).containsExactly("passes");
        assertThat(rate.over(rate.passed()).high().cases()).isEqualTo(3_500);
    }

    /**
     * By class, over the properties given: each side's marginal time a case and the subject's round trips, summed over the
     * rounds, the class that cost the subject the most time first; a property outside the set counts nowhere.
     */
    @Test
    void byClassEachSidesTimeACaseAndTheRoundTrips() {
        String stateful = "[engine:jqwik]/[class:dev.oldbuffer.tck.properties.StatefulProperties]/[property:chain(ActionChain)]";
        String memory = "[engine:jqwik]/[class:dev.oldbuffer.tck.properties.MemoryProperties]/[property:store(Fixture)]";
        String other = "[engine:jqwik]/[class:dev.oldbuffer.tck.properties.OtherProperties]/[property:left(Fixture)]";
        // the subject: a stateful case 300 us and 22 round trips, a memory case 30 us and 2; the reference 40 and 10 us
        BenchCommand.Rate subject = new BenchCommand.Rate(
                properties(Map.of(stateful, cost(100, 300_000, 2_200), memory, cost(700, 30_000, 1_400), other, cost(700, 1, 0))),
                properties(Map.of(stateful, cost(500, 300_000, 11_000), memory, cost(3_500, 30_000, 7_000), other, cost(3_500, 1, 0))));
        BenchCommand.Rate reference = new BenchCommand.Rate(
                properties(Map.of(stateful, cost(100, 40_000, 0), memory, cost(700, 10_000, 0))),
                properties(Map.of(stateful, cost(500, 40_000, 0), memory, cost(3_500, 10_000, 0))));
        assertThat(BenchCommand.byClass(List.of(subject, subject), List.of(reference, reference), Set.of(stateful, memory)))
                .containsExactly(
                        "StatefulProperties          1 properties       800 cases    300.0 against   40.0 microseconds a case,  13% of the"
                                + " reference; 22.00 round trips per case",
                        "MemoryProperties            1 properties     5,600 cases     30.0 against   10.0 microseconds a case,  33% of the"
                                + " reference;  2.00 round trips per case");
    }

    private static BenchCommand.PropertyCost cost(long cases, boolean passed) {
        return new BenchCommand.PropertyCost(cases, cases * 1_000, passed, 0);
    }

    /** A passed property's cases, at {@code nanosACase} each, and its round trips. */
    private static BenchCommand.PropertyCost cost(long cases, long nanosACase, long roundTrips) {
        return new BenchCommand.PropertyCost(cases, cases * nanosACase, true, roundTrips);
    }

    private static BenchCommand.Sample properties(Map<String, BenchCommand.PropertyCost> properties) {
        return new BenchCommand.Sample(properties.values().stream().mapToLong(BenchCommand.PropertyCost::cases).sum(), 1, 0,
                "a runtime", properties, Map.of());
    }

    private static BenchCommand.Rate rate(long lowMillis, long highMillis) {
        return new BenchCommand.Rate(sample(700, lowMillis), sample(3_500, highMillis));
    }

    private static BenchCommand.Sample sample(long cases, long millis) {
        return new BenchCommand.Sample(cases, millis * 1_000_000, 0, "a runtime", Map.of(), Map.of());
    }

    @Test
    void usageErrorsSayWhatToDo() {
        assertUsage(Cli.run("bench", "--tries", "700"), "oldbuffer-tck: --tries takes two numbers LOW,HIGH with 1 <= LOW < HIGH, e.g. 700,3500");
        assertUsage(Cli.run("bench", "--tries", "3500,700"), "oldbuffer-tck: --tries takes two numbers LOW,HIGH with 1 <= LOW < HIGH, e.g. 700,3500");
        assertUsage(Cli.run("bench", "--rounds", "0"), "oldbuffer-tck: --rounds must be at least 1, got 0");
        assertUsage(Cli.run("bench", "--profile", "all"), "oldbuffer-tck: unknown profile 'all'; known: documented, cpython");
        assertUsage(Cli.run("bench", "--impl", "nope"), "oldbuffer-tck: unknown implementation 'nope'; available: capi-process, reference");
    }

    /** An interpreter that cannot start is said at once, before minutes of warm-ups, and nothing is printed on stdout. */
    @Test
    void anImplementationThatCannotStartIsSaidBeforeAnyWarmUp(@TempDir Path dir) {
        Path missing = dir.resolve("no-python");
        Cli cli = Cli.run("bench", "-o", "python=" + missing, "--tries", "3,6", "--rounds", "1");
        assertUsage(cli, "oldbuffer-tck: Python interpreter '" + missing + "' cannot be started (Cannot run program \""
                + missing + "\": error=2, No such file or directory): install it (e.g. apt-get install python3, or pypy3 "
                + "pypy3-dev) or pass the option python=/path/to/interpreter");
        assertThat(cli.err()).doesNotContain("warming up");
    }

    private static void assertUsage(Cli cli, String line) {
        assertThat(cli.exit()).as("stderr: %s", cli.err()).isEqualTo(Main.USAGE);
        assertThat(cli.errorLine()).isEqualTo(line);
        assertThat(cli.out()).isEmpty();
    }
}
