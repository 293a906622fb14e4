package dev.oldbuffer.reports;

import static java.util.function.Function.identity;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.oldbuffer.catalogue.Assertion;
import dev.oldbuffer.catalogue.Catalogue;
import dev.oldbuffer.catalogue.SourceRef;
import dev.oldbuffer.results.MigrationNote;
import dev.oldbuffer.results.AssertionResult;
import dev.oldbuffer.results.Baseline;
import dev.oldbuffer.results.BaselineComparison;
import dev.oldbuffer.results.Outcome;
import dev.oldbuffer.results.RunResult;
import dev.oldbuffer.spi.Function;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * The conformance matrix: the catalogue's testable assertions down the side, grouped by function, one column
 * per run (implementation and profile), one cell per assertion and run. What {@link MatrixPage} renders.
 *
 * @param catalogueVersion the version of the catalogue the rows come from
 * @param generatedAt      when the matrix was made, e.g. {@code 2025-01-31 12:00 UTC}
 * @param columns          one per run, in the order given
 * @param groups           one per function, in the catalogue's function order
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Matrix(String catalogueVersion, String generatedAt, List<Column> columns, List<Group> groups) {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /**
     * One run.
     *
     * @param title      {@code <runtime> / <profile>}, e.g. {@code CPython 3.12.1 / cpython}; where runs share that, the
     *                   options that tell them apart follow, then the results folder's name
     * @param options    the implementation options, {@code key=value, ...}; empty when none
     * @param reportHref a link to the run's Allure report; empty when there is none
     * @param baseline   when the run is shown against a baseline: what it is and how many assertions moved; else empty
     * @param migration  where the calls the page recommends change what the run's runtime does (informational)
     */
    public record Column(String title, String implementation, String profile, String options, String kitVersion,
                         String catalogueVersion, String runtime, String seed, String java, String date,
                         boolean complete, Totals totals, String reportHref, String baseline, List<MigrationNote> migration) {
    }

    /** A runtime's migration notes, shown once however many of its runs the matrix has. */
    public record MigrationSection(String runtime, List<MigrationNote> notes) {
    }

    /** Per runtime with notes, in column order, the notes of its first run (the survey does not depend on the profile). */
    public List<MigrationSection> migrationSections() {
        Map<String, List<MigrationNote>> byRuntime = new java.util.LinkedHashMap<>();
        columns.stream().filter(c -> !c.migration().isEmpty()).forEach(c -> byRuntime.putIfAbsent(c.runtime(), c.migration()));
        return byRuntime.entrySet().stream().map(e -> new MigrationSection(e.getKey(), e.getValue())).toList();
    }

    /**
     * One run to show: its results, the link to its own report, the name of its results folder, and the baseline it is
     * held to, if any.
     */
    public record Run(RunResult result, String reportHref, String folder, Baseline baseline) {
    }

    /** The count of a column's assertions per outcome. */
    public record Totals(int assertions, int passed, int failed, int crashed, int timedOut, int notApplicable, int notVerified) {
    }

    /**
     * One assertion in one run.
     *
     * @param state        {@code passed}, {@code failed}, {@code crashed}, {@code timed_out}, {@code not_applicable},
     *                     {@code not_verified}, or {@code absent} when the run's profile does not hold the assertion
     * @param label        what the cell says: {@code passed}, {@code timed out}, ... or {@code —}
     * @param detail       the observed behaviour or the reason, in full; empty when passed
     * @param shortDetail  the detail shortened to one line for the cell
     * @param before       when the run is shown against a baseline and the cell moved: what the baseline had
     *                     ({@code passed}, {@code failed: 1}); else empty
     */
    public record Cell(String state, String label, String detail, String shortDetail, String before) {
        /** Whether the cell differs from the run's baseline. */
        public boolean moved() {
            return !before.isEmpty();
        }
    }

    /** One assertion across the runs. */
    public record Row(String id, String requirement, String source, String sourceUrl, List<Cell> cells) {
    }

    /** The rows of one function, with a link to its section of the page. */
    public record Group(String function, String url, List<Row> rows) {
    }

    /**
     * Builds the matrix.
     *
     * @param reportHrefs per result, a link to its Allure report, or empty; the same size as {@code results}
     */
    public static Matrix of(Catalogue catalogue, List<RunResult> results, List<String> reportHrefs) {
        if (reportHrefs.size() != results.size()) {
            throw new IllegalArgumentException("one report link per result expected");
        }
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            runs.add(new Run(results.get(i), reportHrefs.get(i), "", null));
        }
        return of(catalogue, runs);
    }

    /** Builds the matrix of runs, each against its baseline where it has one. */
    public static Matrix of(Catalogue catalogue, List<Run> runs) {
        List<RunResult> results = runs.stream().map(Run::result).toList();
        List<String> titles = titles(runs);
        List<Column> columns = new ArrayList<>();
        List<Map<String, AssertionResult>> byId = new ArrayList<>();
        List<Map<String, BaselineComparison.Change>> moved = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            BaselineComparison comparison = run.baseline() == null ? null
                    : BaselineComparison.of(run.baseline(), Baseline.of(run.result(), run.baseline().tries()));
            columns.add(column(run, titles.get(i), comparison));
            byId.add(run.result().assertions().stream().collect(Collectors.toMap(AssertionResult::id, identity(), (a, b) -> a)));
            Map<String, BaselineComparison.Change> changes = new java.util.HashMap<>();
            if (comparison != null) {
                Stream.of(comparison.newFailures(), comparison.newPasses(), comparison.changed(), comparison.added())
                        .flatMap(List::stream).forEach(c -> changes.put(c.id(), c));
            }
            moved.add(changes);
        }
        List<Group> groups = new ArrayList<>();
        for (Function f : Function.values()) {
            List<Row> rows = new ArrayList<>();
            for (String id : idsOf(f, catalogue, results)) {
                List<Cell> cells = new ArrayList<>();
                for (int i = 0; i < runs.size(); i++) {
                    cells.add(cell(byId.get(i).get(id), moved.get(i).get(id)));
                }
                rows.add(catalogue.find(id)
                        .map(a -> new Row(id, a.requirement(), a.source().toString(), a.source().url(), cells))
                        .orElse(new Row(id, "(not in catalogue " + catalogue.version() + ")", "", "", cells)));
            }
            if (!rows.isEmpty()) {
                groups.add(new Group(f.cName(), new SourceRef(f.cName(), 0).url(), rows));
            }
        }
        return new Matrix(catalogue.version(), DATE.format(Instant.now()), columns, groups);
    }

    /** The number of rows. */
    public int assertionCount() {
        return groups.stream().mapToInt(g -> g.rows().size()).sum();
    }

    /** The catalogue's assertions of a function (untestable ones too: not verified), then any id a result names that the catalogue lacks. */
    private static Set<String> idsOf(Function f, Catalogue catalogue, List<RunResult> results) {
        Set<String> ids = new LinkedHashSet<>();
        catalogue.all().stream().filter(a -> a.function() == f).map(Assertion::id).forEach(ids::add);
        results.stream().flatMap(r -> r.assertions().stream())
                .filter(a -> a.function() == f && catalogue.find(a.id()).isEmpty())
                .map(AssertionResult::id).forEach(ids::add);
        return ids;
    }

    /**
     * Column titles, {@code <runtime> / <profile>}; runs that share one are told apart by the options in which they
     * differ, then by their results folder's name - never by a counter.
     */
    static List<String> titles(List<Run> runs) {
        List<String> titles = new ArrayList<>(runs.stream().map(r -> r.result().runtime() + " / " + r.result().profile()).toList());
        Map<String, List<Integer>> same = new java.util.LinkedHashMap<>();
        for (int i = 0; i < titles.size(); i++) {
            same.computeIfAbsent(titles.get(i), t -> new ArrayList<>()).add(i);
        }
        for (List<Integer> group : same.values()) {
            if (group.size() < 2) {
                continue;
            }
            Set<String> keys = new java.util.TreeSet<>();
            group.forEach(i -> keys.addAll(runs.get(i).result().options().keySet()));
            List<String> differing = keys.stream().filter(k -> group.stream()
                    .map(i -> String.valueOf(runs.get(i).result().options().get(k))).distinct().count() > 1).toList();
            for (int i : group) {
                Map<String, String> o = runs.get(i).result().options();
                String told = differing.stream().map(k -> k + "=" + o.getOrDefault(k, "")).collect(Collectors.joining(", "));
                titles.set(i, titles.get(i) + (told.isEmpty() ? "" : " (" + told + ")"));
            }
        }
        Map<String, Long> count = titles.stream().collect(Collectors.groupingBy(t -> t, Collectors.counting()));
        for (int i = 0; i < titles.size(); i++) {
            if (count.get(titles.get(i)) > 1 && !runs.get(i).folder().isEmpty()) {
                titles.set(i, titles.get(i) + " [" + runs.get(i).folder() + "]");
            }
        }
        return titles;
    }

    private static Column column(Run run, String title, BaselineComparison comparison) {
        RunResult r = run.result();
        String reportHref = run.reportHref();
        Map<Outcome, Integer> t = r.totals();
        Totals totals = new Totals(r.assertions().size(), t.get(Outcome.PASSED), t.get(Outcome.FAILED),
                t.get(Outcome.CRASHED), t.get(Outcome.TIMED_OUT), t.get(Outcome.NOT_APPLICABLE), t.get(Outcome.NOT_VERIFIED));
        String options = new TreeMap<>(r.options()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        int movedCount = comparison == null ? 0
                : comparison.newFailures().size() + comparison.newPasses().size() + comparison.changed().size();
        String against = comparison == null ? "" : "against its baseline (" + run.baseline().runtime() + ", seed "
                + run.baseline().seed() + "): " + (movedCount == 0 ? "nothing moved" : movedCount + " moved");
        return new Column(title, r.implementation(), r.profile(), options, r.kitVersion(),
                r.catalogueVersion(), r.runtime(), r.seed().isEmpty() ? "none" : r.seed(), r.java(), date(r.startedAt()),
                r.complete(), totals, reportHref, against, r.migration());
    }

    private static Cell cell(AssertionResult a, BaselineComparison.Change change) {
        if (a == null) {
            return new Cell("absent", "—", "not part of this run's profile", "", "");
        }
        Outcome o = a.outcome();
        String before = change == null ? "" : change.before() == null ? "not in the baseline"
                : change.before().observed().isEmpty() ? change.before().outcome().label()
                : change.before().outcome().label() + ": " + change.before().observed();
        return new Cell(o.id(), o.label(), a.detail(), Details.shorten(a), before);
    }

    private static String date(String instant) {
        try {
            return DATE.format(Instant.parse(instant));
        } catch (DateTimeParseException e) {
            return instant;
        }
    }
}
