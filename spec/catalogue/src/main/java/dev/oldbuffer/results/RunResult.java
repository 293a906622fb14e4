package dev.oldbuffer.results;

import static org.apiguardian.api.API.Status.STABLE;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A whole run, stamped with everything needed to reproduce it. Written as {@code results.json}.
 *
 * @param kitVersion       the kit's version
 * @param catalogueVersion the catalogue's version
 * @param implementation   the implementation id as selected (e.g. {@code reference})
 * @param options          the implementation options given
 * @param runtime          the implementation's own name and version (e.g. {@code CPython 3.12.1})
 * @param runtimeDetails   facts the implementation reported (interpreter path, flavour)
 * @param profile          the profile id
 * @param seed             the property-test seed
 * @param java             the JVM version
 * @param startedAt        ISO-8601 instant
 * @param durationMillis   wall time of the run
 * @param complete         false when the run was cut short; an incomplete run is never published as complete
 * @param assertions       per assertion, in catalogue order
 */
@API(status = STABLE, since = "0.1")
public record RunResult(String kitVersion, String catalogueVersion, String implementation, Map<String, String> options,
                        String runtime, Map<String, String> runtimeDetails, String profile, String seed, String java,
                        String startedAt, long durationMillis, boolean complete, List<AssertionResult> assertions) {

    public static final String FILE_NAME = "results.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public RunResult {
        options = Map.copyOf(options);
        runtimeDetails = Map.copyOf(runtimeDetails);
        assertions = List.copyOf(assertions);
    }

    /** Count of assertions per outcome (every outcome present, zero when none). */
    public Map<Outcome, Integer> totals() {
        Map<Outcome, Integer> totals = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            totals.put(o, 0);
        }
        for (AssertionResult a : assertions) {
            totals.merge(a.outcome(), 1, Integer::sum);
        }
        return totals;
    }

    /** {@code documented: 58 assertions, 58 passed, 0 failed, 0 not applicable} (crashes and time-outs when any). */
    public String summaryLine() {
        Map<Outcome, Integer> t = totals();
        StringBuilder s = new StringBuilder(profile).append(": ").append(assertions.size()).append(" assertions, ")
                .append(t.get(Outcome.PASSED)).append(" passed, ").append(t.get(Outcome.FAILED)).append(" failed, ");
        if (t.get(Outcome.CRASHED) > 0) {
            s.append(t.get(Outcome.CRASHED)).append(" crashed, ");
        }
        if (t.get(Outcome.TIMED_OUT) > 0) {
            s.append(t.get(Outcome.TIMED_OUT)).append(" timed out, ");
        }
        s.append(t.get(Outcome.NOT_APPLICABLE)).append(" not applicable");
        if (!complete) {
            s.append(" (INCOMPLETE RUN)");
        }
        return s.toString();
    }

    /** Writes {@code results.json} into {@code folder} atomically (a temporary file, then a move). */
    public Path write(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path tmp = Files.createTempFile(folder, ".results", ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        return Files.move(tmp, folder.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a {@code results.json} file, or the one inside a folder. */
    public static RunResult read(Path fileOrFolder) throws IOException {
        Path file = Files.isDirectory(fileOrFolder) ? fileOrFolder.resolve(FILE_NAME) : fileOrFolder;
        if (!Files.isRegularFile(file)) {
            throw new IOException(fileOrFolder + " is not a results folder: no " + FILE_NAME + " in it");
        }
        return JSON.readValue(file.toFile(), RunResult.class);
    }
}
