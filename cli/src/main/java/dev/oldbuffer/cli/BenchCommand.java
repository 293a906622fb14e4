package dev.oldbuffer.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.oldbuffer.adapter.process.AnswerTape;
import dev.oldbuffer.adapter.process.ProcessRuntime;
import dev.oldbuffer.cli.bench.JqwikCeiling;
import dev.oldbuffer.results.AssertionResult;
import dev.oldbuffer.results.Outcome;
import dev.oldbuffer.results.RunResult;
import dev.oldbuffer.spi.Implementations;
import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.spi.RuntimeProvider;
import dev.oldbuffer.tck.TckConfig;
import dev.oldbuffer.tck.properties.PropertyHook;
import dev.oldbuffer.tck.properties.PropertySettings;
import dev.oldbuffer.tck.run.TckRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToLongFunction;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How fast the kit checks, as ratios measured in one run (the machine may be shared and noisy, so only a ratio to
 * something measured beside it means anything): jqwik alone over byte arrays (the library's ceiling), the kit against
 * the reference implementation, and the kit against an implementation under test, with the round trips per case of a
 * process runtime. For a process runtime it also runs the kit against that runtime's answers recorded and replayed (see
 * {@link AnswerTape}): the kit alone, without the interpreter's work and the crossing, which says how much of the gap to
 * the reference is the kit's. Each rate is marginal - the cases and the time of a run at the higher tries minus those at the lower -
 * so that start-up, discovery and the examples cancel out and what is left is the cost of one property case.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Measure the kit's speed: jqwik's ceiling, the reference and an implementation, in one run.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--impl"}, defaultValue = "capi-process", paramLabel = "ID",
            description = "The implementation to measure beside the reference (see 'list'); default: ${DEFAULT-VALUE}.")
    String implementation;

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE", description = "An option of the implementation (repeatable).")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = {"-p", "--profile"}, defaultValue = "documented", paramLabel = "PROFILE",
            description = "documented or cpython; default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--tries", defaultValue = "700,3500", split = ",", paramLabel = "LOW,HIGH", hideParamSyntax = true,
            description = "The two tries per property whose difference is measured; default: ${DEFAULT-VALUE}.")
    int[] tries;

    @Option(names = "--seed", defaultValue = "20261127", paramLabel = "N", description = "The seed of every run; default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--rounds", defaultValue = "3", paramLabel = "N",
            description = "Rounds of measurements, each of all three in turn; the median is shown. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--by-class", description = "Also break the comparison down by specification class, over the properties "
            + "the implementation passed: each side's time a case and its round trips per case.")
    boolean byClass;

    static final int CEILING_SCALE = 50;
    /** A line of the table: wide enough for the longest label, "  the same, over the 100 of 100 properties it passed". */
    private static final String ROW = "%-52s %12s  %s%n";
    private static final String ROW_WITHOUT_RATIO = "%-52s %12s  -%n";

    @Override
    public Integer call() {
        if (tries.length != 2 || tries[0] < 1 || tries[1] <= tries[0]) {
            throw new Main.UsageError("--tries takes two numbers LOW,HIGH with 1 <= LOW < HIGH, e.g. 700,3500");
        }
        if (rounds < 1) {
            throw new Main.UsageError("--rounds must be at least 1, got " + rounds);
        }
        Profile p;
        try {
            p = Profile.ofId(profile);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError(e.getMessage());
        }
        RuntimeProvider provider = Implementations.find(implementation, Thread.currentThread().getContextClassLoader());   // an unknown id: exit 2 now
        // a bad option or an interpreter that cannot start: said now, not after the warm-ups of the ceiling and the reference
        Implementations.open(provider, options, p).close();
        PrintWriter out = spec.commandLine().getOut();
        Runtime machine = Runtime.getRuntime();
        out.printf(Locale.ROOT, "oldbuffer-tck bench: profile %s, seed %d, %d and %d tries, median of %d rounds; Java %s, %d cores, %s %s%n",
                p, seed, tries[0], tries[1], rounds, System.getProperty("java.version"), machine.availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"));
        Run ceilingRun = this::ceiling;
        Run referenceRun = t -> kit("reference", Map.of(), p, t);
        Run subjectRun = implementation.equals("reference") ? null : t -> kit(implementation, options, p, t);
        String ceilingName = "jqwik alone (at " + CEILING_SCALE + " times the tries)";
        warmUp(ceilingName, ceilingRun);
        warmUp("reference", referenceRun);
        if (subjectRun != null) {
            warmUp(implementation, subjectRun);
        }
        if (subjectRun == null) {
            return measureAll(p, ceilingName, ceilingRun, referenceRun, null, null);
        }
        Path tapes;
        try {
            tapes = Files.createTempDirectory("oldbuffer-bench-answers-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread interrupted = new Thread(() -> deleteTapes(tapes));   // a bench stopped with Ctrl-C leaves no recording
        Runtime.getRuntime().addShutdownHook(interrupted);
        try {
            return measureAll(p, ceilingName, ceilingRun, referenceRun, subjectRun, record(subjectRun, tapes) ? tapes : null);
        } finally {
            deleteTapes(tapes);
            Runtime.getRuntime().removeShutdownHook(interrupted);
        }
    }

    private int measureAll(Profile p, String ceilingName, Run ceilingRun, Run referenceRun, Run subjectRun, Path tapes) {
        PrintWriter out = spec.commandLine().getOut();
        Run replayRun = tapes == null ? null : t -> replay(tapes, p, t);
        List<Rate> ceilings = new ArrayList<>();
        List<Rate> references = new ArrayList<>();
        List<Rate> subjects = new ArrayList<>();
        List<Rate> replays = new ArrayList<>();
        String diverged = null;
        for (int round = 1; round <= rounds; round++) {   // in turn, so that the machine's moods touch all alike
            ceilings.add(measure(ceilingName, round, ceilingRun));
            references.add(measure("reference", round, referenceRun));
            if (subjectRun != null) {
                subjects.add(measure(implementation, round, subjectRun));
            }
            if (replayRun != null && diverged == null) {
                try {
                    replays.add(measure(implementation + "'s answers replayed", round, replayRun));
                } catch (ReplayDiverged e) {
                    diverged = e.getMessage();
                    replays.clear();
                }
            }
        }
        Rate ceiling = median(ceilings);
        Rate reference = median(references);
        Rate subject = subjectRun == null ? null : median(subjects);
        out.printf(Locale.ROOT, ROW, "what", "cases/s", "ratio");
        out.printf(Locale.ROOT, ROW_WITHOUT_RATIO, "jqwik alone, byte arrays <= 64 (the ceiling)", ceiling.text());
        out.printf(Locale.ROOT, ROW, "the kit against the reference", reference.text(),
                ratios(references, ceilings, "the ceiling") + reference.roundTrips());
        if (subject != null) {
            out.printf(Locale.ROOT, ROW, "the kit against " + subject.runtime(), subject.text(),
                    ratios(subjects, references, "the reference") + subject.roundTrips());
            // a runtime that lacks a feature skips its properties, and one that fails a property stops it and shrinks (at
            // the same try in both runs, or at a later one): over the properties it passed, both did the same work
            Set<String> both = subject.passed();
            both.retainAll(reference.properties());
            List<Rate> sameReferences = references.stream().map(r -> r.over(both)).toList();
            List<Rate> sameSubjects = subjects.stream().map(r -> r.over(both)).toList();
            if (both.isEmpty()) {
                out.println("  the same, over the properties it passed: none passed at both tries, so neither it nor the kit"
                        + " alone has a rate of its own cases (each property stopped at a failure and shrank)");
            } else {
                out.printf(Locale.ROOT, ROW, "  the same, over the " + both.size() + " of " + reference.properties().size()
                        + " properties it passed", median(sameSubjects).text(), ratios(sameSubjects, sameReferences, "the reference on them")
                        + String.format(Locale.ROOT, " (the reference: %s cases/s)", median(sameReferences).text()));
                if (diverged != null) {
                    out.println("  the kit alone, on its answers replayed: not measured; " + diverged);
                } else if (!replays.isEmpty()) {
                    List<Rate> sameReplays = replays.stream().map(r -> r.over(both)).toList();
                    out.printf(Locale.ROOT, ROW, "  the kit alone, on its answers replayed", median(sameReplays).text(),
                            ratios(sameReplays, sameReferences, "the reference on them"));
                    String[] share = interpreterShare(sameSubjects, sameReplays, sameReferences, subject);
                    out.printf(Locale.ROOT, ROW, "  so the interpreter and the crossings take", share[0], share[1]);
                }
                if (byClass) {
                    out.println("  by specification class, over the same properties, all rounds together (the most costly first):");
                    byClass(subjects, references, both).forEach(line -> out.println("    " + line));
                }
            }
        }
        out.println("the runs behind the medians (cases, seconds):");
        Map<String, Rate> behind = new LinkedHashMap<>();
        for (Rate r : subject == null ? List.of(ceiling, reference) : List.of(ceiling, reference, subject)) {
            behind.put(r.runtime(), r);
        }
        if (!replays.isEmpty()) {
            behind.put(subject.runtime() + ", its answers replayed", median(replays));
        }
        behind.forEach((name, r) -> out.printf(Locale.ROOT, "  %-50s %,9d in %6.2f s, %,9d in %6.2f s%n", name, r.low().cases(),
                r.low().nanos() / 1e9, r.high().cases(), r.high().nanos() / 1e9));
        if (Double.isNaN(ceiling.perSecond()) || Double.isNaN(reference.perSecond()) || subject != null && Double.isNaN(subject.perSecond())) {
            out.println("(too short: the run at " + tries[1] + " tries took no longer than the one at " + tries[0]
                    + "; raise --tries for a measurement)");
        }
        out.flush();
        return Main.OK;
    }

    /**
     * Cases and time of one run, the round trips to an interpreter it made, and each property's own cases and time (by
     * its test's unique id) for the properties that ran a case, and whether each passed.
     */
    record Sample(long cases, long nanos, long roundTrips, String runtime, Map<String, PropertyCost> properties,
                  Map<String, Outcome> outcomes) {

        /**
         * The properties of {@code ids} only, from their own times and round trips: what a runtime that ran just those
         * would show.
         */
        Sample over(Set<String> ids) {
            long c = 0;
            long t = 0;
            long trips = 0;
            for (String id : ids) {
                PropertyCost p = properties.getOrDefault(id, PropertyCost.NONE);
                c += p.cases();
                t += p.nanos();
                trips += p.roundTrips();
            }
            return new Sample(c, t, trips, runtime, Map.of(), Map.of());
        }
    }

    /** One property's cases and time in a run, whether it passed, and the round trips to an interpreter it made. */
    record PropertyCost(long cases, long nanos, boolean passed, long roundTrips) {
        static final PropertyCost NONE = new PropertyCost(0, 0, false, 0);
    }

    /**
     * One line per specification class of the properties {@code ids}: the subject's and the reference's time a case, and
     * the subject's round trips per case, each from the runs at the higher tries less those at the lower, summed over
     * the rounds. The class whose cases cost the subject the most time in all comes first.
     */
    static List<String> byClass(List<Rate> subjects, List<Rate> references, Set<String> ids) {
        Map<String, Set<String>> classes = new TreeMap<>();
        for (String id : ids) {
            Matcher m = CLASS.matcher(id);
            classes.computeIfAbsent(m.find() ? m.group(1) : id, k -> new TreeSet<>()).add(id);
        }
        record Line(String name, int properties, Rate subject, Rate reference) {
            long subjectNanos() {
                return subject.high().nanos() - subject.low().nanos();
            }
        }
        return classes.entrySet().stream()
                .map(e -> new Line(e.getKey(), e.getValue().size(), summed(subjects, e.getValue()), summed(references, e.getValue())))
                .sorted(Comparator.comparingLong(Line::subjectNanos).reversed())
                .map(l -> {
                    long cases = l.subject().high().cases() - l.subject().low().cases();
                    long trips = l.subject().high().roundTrips() - l.subject().low().roundTrips();
                    return String.format(Locale.ROOT, "%-26s %2d properties %,9d cases  %7.1f against %6.1f microseconds a case, "
                            + "%3.0f%% of the reference; %5.2f round trips per case", l.name(), l.properties(), cases,
                            micros(l.subject()), micros(l.reference()), 100 * micros(l.reference()) / micros(l.subject()),
                            cases > 0 ? (double) trips / cases : Double.NaN);
                })
                .toList();
    }

    private static final Pattern CLASS = Pattern.compile("\\[class:(?:[^\\]]*\\.)?([^.\\]]+)\\]");

    /** The rates over the properties {@code ids}, each tries' runs summed over the rounds: one rate of all the rounds' work. */
    private static Rate summed(List<Rate> rates, Set<String> ids) {
        List<Rate> over = rates.stream().map(r -> r.over(ids)).toList();
        return new Rate(sum(over.stream().map(Rate::low).toList()), sum(over.stream().map(Rate::high).toList()));
    }

    private static Sample sum(List<Sample> samples) {
        return new Sample(samples.stream().mapToLong(Sample::cases).sum(), samples.stream().mapToLong(Sample::nanos).sum(),
                samples.stream().mapToLong(Sample::roundTrips).sum(), "", Map.of(), Map.of());
    }

    private interface Run {
        Sample at(int tries);
    }

    /** A marginal rate: what the run at the higher tries did beyond the one at the lower. */
    record Rate(Sample low, Sample high) {
        /** NaN when the difference is too small to measure (the runs too short for the machine's noise). */
        double perSecond() {
            long cases = high.cases - low.cases;
            long nanos = high.nanos - low.nanos;
            return cases > 0 && nanos > 0 ? cases / (nanos / 1e9) : Double.NaN;
        }

        String text() {
            return Double.isNaN(perSecond()) ? "too short" : String.format(Locale.ROOT, "%,.0f", perSecond());
        }

        String runtime() {
            return high.runtime;
        }

        /** The properties that ran a case in both of this rate's runs. */
        Set<String> properties() {
            Set<String> ids = new TreeSet<>(high.properties().keySet());
            ids.retainAll(low.properties().keySet());
            return ids;
        }

        /**
         * The properties passed in both of this rate's runs, so every try of both. One that failed stopped at the failing
         * try and shrank: the difference between its runs is not the cost of more tries.
         */
        Set<String> passed() {
            Set<String> ids = new TreeSet<>();
            high.properties().forEach((id, cost) -> {
                PropertyCost before = low.properties().get(id);
                if (cost.passed() && before != null && before.passed()) {
                    ids.add(id);
                }
            });
            return ids;
        }

        Rate over(Set<String> ids) {
            return new Rate(low.over(ids), high.over(ids));
        }

        String roundTrips() {
            long trips = high.roundTrips - low.roundTrips;
            return trips == 0 || high.cases <= low.cases ? "" : String.format(Locale.ROOT, "; %.2f round trips per case", (double) trips / (high.cases - low.cases));
        }
    }

    /**
     * Records the answers of the implementation's interpreters in a run at each of the two tries into {@code tapes}, for
     * {@link #replay}; false when the implementation used none (it runs in this JVM), or when it passed no property at
     * both tries: the kit-alone line is measured over the properties it passed, so replays would measure nothing.
     */
    private boolean record(Run subjectRun, Path tapes) {
        spec.commandLine().getErr().println("bench: " + implementation + ", recording its answers at " + tries[0] + " and " + tries[1] + " tries");
        for (int t : tries) {
            Path dir = tapes.resolve(Integer.toString(t));
            try (AnswerTape tape = AnswerTape.record(createDirectory(dir))) {
                Sample recorded = subjectRun.at(t);
                if (tape.interpreters() == 0) {
                    return false;
                }
                recordings.put(t, recorded);
            }
        }
        if (new Rate(recordings.get(tries[0]), recordings.get(tries[1])).passed().isEmpty()) {
            spec.commandLine().getErr().println("bench: " + implementation + " passed no property at both tries; no replays");
            return false;
        }
        return true;
    }

    /** Recorded runs by their tries, to hold each replay to. */
    private final Map<Integer, Sample> recordings = new HashMap<>();

    /**
     * The kit against the answers recorded at these tries. A replay that comes to other outcomes, or to another number of
     * cases, than its recording asked otherwise than the recorded run did, and measured something else.
     */
    private Sample replay(Path tapes, Profile p, int t) {
        Sample replayed;
        try (AnswerTape tape = AnswerTape.replay(tapes.resolve(Integer.toString(t)))) {
            replayed = kit(implementation, options, p, t);
        }
        Sample recorded = recordings.get(t);
        boolean sameOutcomes = replayed.outcomes().equals(recorded.outcomes());
        if (!sameOutcomes || replayed.cases() != recorded.cases()) {
            throw new ReplayDiverged("the replay at " + t + " tries came to " + replayed.cases() + " cases and "
                    + (sameOutcomes ? "the same" : "other") + " outcomes, the recording to "
                    + recorded.cases() + ": the kit asked otherwise than when it recorded");
        }
        return replayed;
    }

    /** A replay that did not repeat its recording's run: what it measured is not the kit alone on that run. */
    private static final class ReplayDiverged extends RuntimeException {
        ReplayDiverged(String message) {
            super(message);
        }
    }

    private static Path createDirectory(Path dir) {
        try {
            return Files.createDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTapes(Path tapes) {
        try (Stream<Path> all = Files.walk(tapes)) {
            for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // a temporary folder: what is left is the system's to clean
        }
    }

    /**
     * What a case against the runtime costs beyond the kit's own work: the time of a live case less that of a replayed
     * one, in each round (the median), and per round trip; beside it the kit alone's case and the reference's.
     */
    private static String[] interpreterShare(List<Rate> subjects, List<Rate> replays, List<Rate> references, Rate subject) {
        List<Double> differences = byRound(subjects, replays, (live, replayed) -> micros(live) - micros(replayed));
        if (differences.isEmpty()) {
            return new String[] {"too short", "-"};
        }
        double perCase = differences.get(differences.size() / 2);
        long trips = subject.high().roundTrips() - subject.low().roundTrips();
        long cases = subject.high().cases() - subject.low().cases();
        String perTrip = trips > 0 && cases > 0
                ? String.format(Locale.ROOT, " (%.1f a round trip)", perCase / ((double) trips / cases)) : "";
        String noisy = noise(subjects).isEmpty() && noise(replays).isEmpty() ? "" : "; within the noise, as above";
        return new String[] {String.format(Locale.ROOT, "%.1f", perCase), String.format(Locale.ROOT,
                "microseconds a case%s; the kit alone %s, the reference %s%s", perTrip, microsText(median(replays)),
                microsText(median(references)), noisy)};
    }

    /** Microseconds a case at this rate; NaN when it was too short to measure. */
    private static double micros(Rate r) {
        return 1e6 / r.perSecond();
    }

    private static String microsText(Rate r) {
        return Double.isNaN(micros(r)) ? "too short" : String.format(Locale.ROOT, "%.1f", micros(r));
    }

    /** A run before the measured ones: the JIT's warm-up, and PyPy's. */
    private void warmUp(String what, Run run) {
        spec.commandLine().getErr().println("bench: " + what + ", warming up");
        run.at(tries[1]);
    }

    /**
     * Each round's rate as a share of the base's in the same round, where the machine's mood touched both alike: the
     * median, and with several rounds their range, so that a reader sees how far one round can be from another.
     */
    static String ratios(List<Rate> rates, List<Rate> bases, String base) {
        List<Double> ratios = byRound(rates, bases, (rate, of) -> rate.perSecond() / of.perSecond());
        if (ratios.isEmpty()) {
            return "-";
        }
        String median = String.format(Locale.ROOT, "%.0f%% of %s", 100 * ratios.get(ratios.size() / 2), base);
        String rounds = ratios.size() == rates.size() ? ratios.size() + " rounds"
                : ratios.size() + " of " + rates.size() + " rounds, the others too short";
        String range = ratios.size() > 1 ? String.format(Locale.ROOT, " (%.0f to %.0f%% in %s)", 100 * ratios.get(0),
                100 * ratios.get(ratios.size() - 1), rounds)
                : rates.size() > 1 ? " (in " + rounds + ")" : "";
        return median + range + noise(rates);
    }

    /**
     * A warning when the rounds disagree by more than the difference a rate rests on: the runs at the same tries took
     * times further apart from one round to the next than the run at the higher tries took beyond the one at the lower.
     * Such a rate is the machine's noise (a runtime whose properties stop at an early try, PyPy's, adds few cases).
     */
    static String noise(List<Rate> rates) {
        if (rates.size() < 2) {
            return "";
        }
        long spread = Math.max(spread(rates, r -> r.low().nanos()), spread(rates, r -> r.high().nanos()));
        List<Long> differences = rates.stream().map(r -> r.high().nanos() - r.low().nanos()).sorted().toList();
        long difference = differences.get(differences.size() / 2);
        return spread <= difference ? "" : String.format(Locale.ROOT, "; within the noise: runs at the same tries differed by"
                + " %.2f s between rounds, more than the %.2f s the rate rests on", spread / 1e9, difference / 1e9);
    }

    private static long spread(List<Rate> rates, ToLongFunction<Rate> nanos) {
        LongSummaryStatistics all = rates.stream().mapToLong(nanos).summaryStatistics();
        return all.getMax() - all.getMin();
    }

    /** {@code f} of each round's two rates, where both were measurable, in ascending order. */
    private static List<Double> byRound(List<Rate> as, List<Rate> bs, ToDoubleBiFunction<Rate, Rate> f) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < as.size(); i++) {
            double v = f.applyAsDouble(as.get(i), bs.get(i));
            if (!Double.isNaN(v)) {
                values.add(v);
            }
        }
        Collections.sort(values);
        return values;
    }

    private static Rate median(List<Rate> rates) {
        List<Rate> sorted = new ArrayList<>(rates);
        sorted.sort(Comparator.comparingDouble(Rate::perSecond));
        return sorted.get(sorted.size() / 2);
    }

    /** The two measured runs of one round. */
    private Rate measure(String what, int round, Run run) {
        spec.commandLine().getErr().println("bench: round " + round + ", " + what + " at " + tries[0] + " and " + tries[1] + " tries");
        Sample low = run.at(tries[0]);
        Sample high = run.at(tries[1]);
        return new Rate(low, high);
    }

    /**
     * The ceiling at {@value #CEILING_SCALE} times the tries: its cases cost microseconds, and at the kit's tries the
     * difference between the two runs would be a few milliseconds, within the noise.
     */
    private Sample ceiling(int tries) {
        int n = tries * CEILING_SCALE;
        long before = JqwikCeiling.CASES.get();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
        long t0 = System.nanoTime();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(JqwikCeiling.class))
                .configurationParameter("jqwik.tries.default", Integer.toString(n))
                .configurationParameter("jqwik.seeds.whenfixed", "ALLOW")
                .configurationParameter("jqwik.database", "")
                .build());
        long nanos = System.nanoTime() - t0;
        return new Sample(JqwikCeiling.CASES.get() - before, nanos, 0, "jqwik alone", Map.of(), Map.of());
    }

    private Sample kit(String impl, Map<String, String> opts, Profile p, int n) {
        Map<String, Long> started = new HashMap<>();
        Map<String, Long> startedTrips = new HashMap<>();
        Map<String, Long> checked = new HashMap<>();
        Map<String, PropertyCost> properties = new HashMap<>();
        TestExecutionListener count = new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier id) {
                started.put(id.getUniqueId(), System.nanoTime());
                startedTrips.put(id.getUniqueId(), ProcessRuntime.roundTrips());
            }

            @Override
            public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
                String checks = entry.getKeyValuePairs().get(PropertyHook.CHECKS_ENTRY);
                if (checks != null) {
                    checked.put(id.getUniqueId(), Long.parseLong(checks));
                }
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                Long checks = checked.get(id.getUniqueId());
                if (checks != null && checks > 0) {
                    properties.put(id.getUniqueId(), new PropertyCost(checks, System.nanoTime() - started.get(id.getUniqueId()),
                            result.getStatus() == TestExecutionResult.Status.SUCCESSFUL,
                            ProcessRuntime.roundTrips() - startedTrips.get(id.getUniqueId())));
                }
            }
        };
        TckRunner runner = new TckRunner(new TckConfig(impl, opts, p)).listener(count).seed(Long.toString(seed))
                .parameter(PropertySettings.TRIES, Integer.toString(n));
        long tripsBefore = ProcessRuntime.roundTrips();
        RunResult r;
        try {
            r = RunCommand.engineOutputToStderr(runner::run);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // the launcher's time: without opening the implementation to learn its name, which the runner does first
        long cases = checked.values().stream().mapToLong(Long::longValue).sum();
        return new Sample(cases, r.durationMillis() * 1_000_000, ProcessRuntime.roundTrips() - tripsBefore, r.runtime(), properties,
                r.assertions().stream().collect(Collectors.toMap(AssertionResult::id, AssertionResult::outcome)));
    }
}
