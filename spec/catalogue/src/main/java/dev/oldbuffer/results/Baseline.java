package dev.oldbuffer.results;

import static org.apiguardian.api.API.Status.STABLE;

import dev.oldbuffer.spi.Profile;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * What a run of one implementation and profile is expected to show, per assertion: its outcome and, unless it passed,
 * what was observed (with addresses and process ids masked, so that the file changes only when behaviour does). The
 * regression suite of every implementer: record one with {@code run --write-baseline}, compare later runs with
 * {@code run --baseline}. The text format is described in {@code docs/BASELINES.md}:
 *
 * <pre>
 * # oldbuffer-tck baseline 1
 * kit: 0.2.0
 * catalogue: 1.0
 * implementation: capi-process
 * runtime: CPython 3.12.1
 * profile: cpython
 * seed: 20261127
 * tries: 700
 * unstable: write04
 * char01  passed
 * char12  failed  BufferError: memoryview: underlying buffer is not C-contiguous
 * </pre>
 *
 * @param kit            the kit that recorded it
 * @param catalogue      the catalogue's version; a baseline is compared only with runs of the same major version
 * @param implementation the provider id
 * @param runtime        the implementation's name and version
 * @param profile        the profile
 * @param seed           the properties' seed; a comparison runs with it, so that the tries are the same
 * @param tries          the tries per property, likewise
 * @param entries        per assertion id, in the order written
 * @param unstable       the assertions whose outcome varies from run to run on this implementation (the optional header
 *                       line {@code unstable:}, written by hand): a comparison lists them and moves nothing for them
 */
@API(status = STABLE, since = "0.2")
public record Baseline(String kit, String catalogue, String implementation, String runtime, String profile, String seed,
                       int tries, Map<String, Entry> entries, Set<String> unstable) {

    /** The first line of every baseline: the format and its version. */
    public static final String FIRST_LINE = "# oldbuffer-tck baseline 1";
    /** The largest baseline read. */
    public static final long MAX_BYTES = 1 << 20;
    static final int MAX_OBSERVED = 160;
    private static final Pattern ID = Pattern.compile("[a-z]+[0-9]{2}");
    private static final List<String> HEADER = List.of("kit", "catalogue", "implementation", "runtime", "profile", "seed", "tries");
    /** Header lines a baseline may leave out. */
    private static final List<String> OPTIONAL_HEADER = List.of("unstable");

    public Baseline {
        entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        unstable = java.util.Collections.unmodifiableSet(new TreeSet<>(unstable));
    }

    /** A baseline in which every assertion's outcome is expected to repeat. */
    public Baseline(String kit, String catalogue, String implementation, String runtime, String profile, String seed,
                    int tries, Map<String, Entry> entries) {
        this(kit, catalogue, implementation, runtime, profile, seed, tries, entries, Set.of());
    }

    /** The same baseline with {@code ids} marked unstable: how a recorded baseline keeps what a person marked. */
    public Baseline withUnstable(Set<String> ids) {
        return new Baseline(kit, catalogue, implementation, runtime, profile, seed, tries, entries, ids);
    }

    /** One assertion's line: {@code id  outcome  observed}. */
    public record Entry(String id, Outcome outcome, String observed) {
        public Entry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(outcome, "outcome");
            observed = observed == null ? "" : observed;
        }

        String render() {
            return observed.isEmpty() ? id + "  " + outcome.id() : id + "  " + outcome.id() + "  " + observed;
        }
    }

    /** What a run showed, as a baseline. */
    public static Baseline of(RunResult result, int tries) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (AssertionResult a : result.assertions()) {
            entries.put(a.id(), new Entry(a.id(), a.outcome(), a.failure() == null ? "" : observed(a.failure())));
        }
        return new Baseline(result.kitVersion(), result.catalogueVersion(), result.implementation(), result.runtime(),
                result.profile(), result.seed(), tries, entries);
    }

    /**
     * What identifies the behaviour: the failure's summary, hex addresses and process ids masked, on one line; for
     * the bytes at a wrong address, only that they are others ({@link Failure#MEMORY_CHECK}): what the address holds,
     * and with it the sample a property shrinks to, differ from run to run.
     */
    public static String observed(Failure failure) {
        if (failure.check().equals(Failure.MEMORY_CHECK)) {
            return "other bytes than expected";
        }
        String seen = failure.summary().replaceAll("0x[0-9a-fA-F]+", "0x?").replaceAll("pid \\d+", "pid ?")
                .replaceAll("\\p{Cntrl}", "?");
        return seen.length() > MAX_OBSERVED ? seen.substring(0, MAX_OBSERVED) + "..." : seen;
    }

    /** The major version of the catalogue it was recorded with: {@code 1} for {@code 1.0}. */
    public String catalogueMajor() {
        return major(catalogue);
    }

    static String major(String version) {
        int dot = version.indexOf('.');
        return dot < 0 ? version : version.substring(0, dot);
    }

    /** The text of the file, entries in the order given. */
    public String render() {
        StringBuilder s = new StringBuilder(FIRST_LINE).append('\n')
                .append("# One line per assertion: id, outcome and, unless it passed, what was observed (docs/BASELINES.md).\n")
                .append("kit: ").append(kit).append('\n')
                .append("catalogue: ").append(catalogue).append('\n')
                .append("implementation: ").append(implementation).append('\n')
                .append("runtime: ").append(runtime).append('\n')
                .append("profile: ").append(profile).append('\n')
                .append("seed: ").append(seed).append('\n')
                .append("tries: ").append(tries).append('\n');
        if (!unstable.isEmpty()) {
            s.append("unstable: ").append(String.join(", ", unstable)).append('\n');
        }
        entries.values().forEach(e -> s.append(e.render()).append('\n'));
        return s.toString();
    }

    /** Writes the file whole or not at all: a temporary file beside it, then a move. */
    public Path write(Path file) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, render());
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    /**
     * Reads a baseline. It may have come from anyone: every line is checked.
     *
     * @throws BaselineException naming the file, the line and what to do, for anything but a well-formed baseline
     */
    public static Baseline read(Path file) {
        List<String> lines;
        try {
            if (!Files.isRegularFile(file)) {
                throw new BaselineException(file + ": no such file; record one with 'oldbuffer-tck run --write-baseline " + file + "'");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new BaselineException(file + ": " + Files.size(file) + " bytes, more than a baseline holds (at most "
                        + MAX_BYTES + "); is it a baseline?");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new BaselineException(file + ": not UTF-8 text; is it a baseline?");
        } catch (IOException e) {
            throw new BaselineException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        if (lines.isEmpty() || !lines.get(0).equals(FIRST_LINE)) {
            throw new BaselineException(file + ":1: a baseline starts with '" + FIRST_LINE
                    + "'; record one with 'oldbuffer-tck run --write-baseline'");
        }
        Map<String, String> header = new LinkedHashMap<>();
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int n = 2; n <= lines.size(); n++) {
            String line = lines.get(n - 1);
            String at = file + ":" + n + ": ";
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
                throw new BaselineException(at + "holds a control character");
            }
            int colon = line.indexOf(": ");
            if (colon > 0 && (HEADER.contains(line.substring(0, colon)) || OPTIONAL_HEADER.contains(line.substring(0, colon)))) {
                if (!entries.isEmpty()) {
                    throw new BaselineException(at + "'" + line.substring(0, colon) + ":' belongs to the header, before the first assertion");
                }
                if (header.put(line.substring(0, colon), line.substring(colon + 2).strip()) != null) {
                    throw new BaselineException(at + "'" + line.substring(0, colon) + ":' is given twice");
                }
                continue;
            }
            String[] parts = line.split(" {2}", 3);
            if (parts.length < 2 || !ID.matcher(parts[0]).matches()) {
                throw new BaselineException(at + "expected 'id  outcome  observed' (two spaces between) or a header line "
                        + String.join(":, ", HEADER) + ":, got '" + shorten(line) + "'");
            }
            Outcome outcome;
            try {
                outcome = Outcome.ofId(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new BaselineException(at + "unknown outcome '" + shorten(parts[1]) + "'; known: passed, failed, crashed, "
                        + "timed_out, not_applicable, not_verified");
            }
            String observed = parts.length > 2 ? parts[2] : "";
            if (observed.length() > 4 * MAX_OBSERVED) {
                throw new BaselineException(at + "the observed value is longer than a baseline writes");
            }
            if (entries.put(parts[0], new Entry(parts[0], outcome, observed)) != null) {
                throw new BaselineException(at + "assertion " + parts[0] + " is given twice");
            }
        }
        for (String key : HEADER) {
            if (!header.containsKey(key)) {
                throw new BaselineException(file + ": the header has no '" + key + ":' line; record the baseline again with "
                        + "'oldbuffer-tck run --write-baseline'");
            }
        }
        int tries;
        try {
            tries = Integer.parseInt(header.get("tries"));
        } catch (NumberFormatException e) {
            tries = -1;
        }
        if (tries < 1) {
            throw new BaselineException(file + ": 'tries:' must be a whole number of at least 1, got '" + shorten(header.get("tries")) + "'");
        }
        try {
            Profile.ofId(header.get("profile"));
        } catch (IllegalArgumentException e) {
            throw new BaselineException(file + ": 'profile:' " + e.getMessage());
        }
        if (!header.get("seed").matches("-?[0-9]{1,19}")) {
            throw new BaselineException(file + ": 'seed:' must be a whole number, got '" + shorten(header.get("seed")) + "'");
        }
        Set<String> unstable = new TreeSet<>();
        for (String id : header.getOrDefault("unstable", "").split(",")) {
            if (id.isBlank()) {
                continue;
            }
            if (!entries.containsKey(id.strip())) {
                throw new BaselineException(file + ": 'unstable:' names " + shorten(id.strip())
                        + ", which has no line of its own; list ids of assertions in the baseline, separated by commas");
            }
            unstable.add(id.strip());
        }
        return new Baseline(header.get("kit"), header.get("catalogue"), header.get("implementation"), header.get("runtime"),
                header.get("profile"), header.get("seed"), tries, entries, unstable);
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
