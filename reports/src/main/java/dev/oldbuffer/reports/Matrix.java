package dev.oldbuffer.reports;

import static java.util.function.Function.identity;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.oldbuffer.catalogue.Assertion;
import dev.oldbuffer.catalogue.Catalogue;
import dev.oldbuffer.catalogue.SourceRef;
import dev.oldbuffer.results.AssertionResult;
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
     * @param title      {@code <runtime> / <profile>}, e.g. {@code CPython 3.12.1 / cpython}
     * @param options    the implementation options, {@code key=value, ...}; empty when none
     * @param reportHref a link to the run's Allure report; empty when there is none
     */
    public record Column(String title, String implementation, String profile, String options, String kitVersion,
                         String catalogueVersion, String runtime, String seed, String java, String date,
                         boolean complete, Totals totals, String reportHref) {
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
     */
    public record Cell(String state, String label, String detail, String shortDetail) {
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
        List<Column> columns = new ArrayList<>();
        List<Map<String, AssertionResult>> byId = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            columns.add(column(results.get(i), reportHrefs.get(i)));
            byId.add(results.get(i).assertions().stream().collect(Collectors.toMap(AssertionResult::id, identity(), (a, b) -> a)));
        }
        List<Group> groups = new ArrayList<>();
        for (Function f : Function.values()) {
            List<Row> rows = new ArrayList<>();
            for (String id : idsOf(f, catalogue, results)) {
                List<Cell> cells = byId.stream().map(m -> cell(m.get(id))).toList();
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

    private static Column column(RunResult r, String reportHref) {
        Map<Outcome, Integer> t = r.totals();
        Totals totals = new Totals(r.assertions().size(), t.get(Outcome.PASSED), t.get(Outcome.FAILED),
                t.get(Outcome.CRASHED), t.get(Outcome.TIMED_OUT), t.get(Outcome.NOT_APPLICABLE), t.get(Outcome.NOT_VERIFIED));
        String options = new TreeMap<>(r.options()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        return new Column(r.runtime() + " / " + r.profile(), r.implementation(), r.profile(), options, r.kitVersion(),
                r.catalogueVersion(), r.runtime(), r.seed().isEmpty() ? "none" : r.seed(), r.java(), date(r.startedAt()),
                r.complete(), totals, reportHref);
    }

    private static Cell cell(AssertionResult a) {
        if (a == null) {
            return new Cell("absent", "—", "not part of this run's profile", "");
        }
        Outcome o = a.outcome();
        return new Cell(o.id(), o.label(), a.detail(), Details.shorten(a));
    }

    private static String date(String instant) {
        try {
            return DATE.format(Instant.parse(instant));
        } catch (DateTimeParseException e) {
            return instant;
        }
    }
}
