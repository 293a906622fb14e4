package dev.oldbuffer.results;

import static org.apiguardian.api.API.Status.STABLE;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oldbuffer.spi.Function;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A whole run, stamped with everything needed to reproduce it. Written as {@code results.json}, whose format is
 * described by {@code results.schema.json} next to this class (and in {@code docs/RESULTS.md}).
 *
 * @param schema           the version of the results format, {@value #SCHEMA} for what this kit writes
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
 * @param assertions       per assertion of the profile, in catalogue order
 * @param migration        where the calls the page recommends instead change what the runtime does, object by object
 *                         (empty when the runtime does not make them, or changes nothing); informational
 */
@API(status = STABLE, since = "0.1")
public record RunResult(int schema, String kitVersion, String catalogueVersion, String implementation, Map<String, String> options,
                        String runtime, Map<String, String> runtimeDetails, String profile, String seed, String java,
                        String startedAt, long durationMillis, boolean complete, List<AssertionResult> assertions,
                        List<MigrationNote> migration) {

    public static final String FILE_NAME = "results.json";
    /**
     * The results format this kit writes. 1 (kit 0.1): no {@code schema} field, no {@code failure} fields, no
     * {@code not_verified} outcome. 2: all three. This kit reads both.
     */
    public static final int SCHEMA = 2;

    /** The largest results.json read: a real run writes well under a megabyte. */
    public static final long MAX_FILE_BYTES = 64L << 20;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(2_000_000).maxNestingDepth(64).build())
            .build()).enable(SerializationFeature.INDENT_OUTPUT).addMixIn(Function.class, FunctionByCName.class);

    public RunResult {
        options = Map.copyOf(options);
        runtimeDetails = Map.copyOf(runtimeDetails);
        assertions = List.copyOf(assertions);
        migration = migration == null ? List.of() : List.copyOf(migration);   // absent from results before kit 0.3
    }

    /** A result in the format this kit writes. */
    public RunResult(String kitVersion, String catalogueVersion, String implementation, Map<String, String> options,
                     String runtime, Map<String, String> runtimeDetails, String profile, String seed, String java,
                     String startedAt, long durationMillis, boolean complete, List<AssertionResult> assertions) {
        this(kitVersion, catalogueVersion, implementation, options, runtime, runtimeDetails, profile, seed, java, startedAt,
                durationMillis, complete, assertions, List.of());
    }

    /** A result in the format this kit writes, with migration notes. */
    public RunResult(String kitVersion, String catalogueVersion, String implementation, Map<String, String> options,
                     String runtime, Map<String, String> runtimeDetails, String profile, String seed, String java,
                     String startedAt, long durationMillis, boolean complete, List<AssertionResult> assertions,
                     List<MigrationNote> migration) {
        this(SCHEMA, kitVersion, catalogueVersion, implementation, options, runtime, runtimeDetails, profile, seed, java,
                startedAt, durationMillis, complete, assertions, migration);
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

    /**
     * {@code documented: 74 assertions, 73 passed, 0 failed, 0 not applicable, 1 not verified} (crashes and time-outs
     * when any).
     */
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
        if (t.get(Outcome.NOT_VERIFIED) > 0) {
            s.append(", ").append(t.get(Outcome.NOT_VERIFIED)).append(" not verified");
        }
        if (!complete) {
            s.append(" (INCOMPLETE RUN)");
        }
        return s.toString();
    }

    /** The result as {@code results.json} holds it. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code results.json} into {@code folder} atomically (a temporary file, then a move). */
    public Path write(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path tmp = Files.createTempFile(folder, ".results", ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        return Files.move(tmp, folder.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a {@code results.json} file, or the one inside a folder, in any format this kit reads. Such a file may come
     * from anyone: it is checked against {@code results.schema.json} (types, values, sizes) before it is used.
     *
     * @throws IOException for a missing or oversized file, malformed JSON, a format this kit does not read, or content
     *                     the schema refuses; the message names the file and the field, in one line
     */
    public static RunResult read(Path fileOrFolder) throws IOException {
        Path file = Files.isDirectory(fileOrFolder) ? fileOrFolder.resolve(FILE_NAME) : fileOrFolder;
        if (!Files.isRegularFile(file)) {
            throw new IOException(fileOrFolder + " is not a results folder: no " + FILE_NAME + " in it");
        }
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException(file + ": " + Files.size(file) + " bytes, more than a results file holds (at most "
                    + MAX_FILE_BYTES + ")");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse("")
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": not a results file (expected a JSON object)");
        }
        JsonNode version = root.path("schema");
        int schema = version.isMissingNode() ? 1 : version.isInt() ? version.asInt() : -1;
        if (schema < 1 || schema > SCHEMA) {
            throw new IOException(file + ": results format " + version + ", which this kit does not know; it reads formats 1 to "
                    + SCHEMA + (schema > SCHEMA ? ": the file was written by a newer kit, report it with that one" : ""));
        }
        ObjectNode current = (ObjectNode) root;
        if (schema == 1) {
            current = ResultsFormat.upgrade(current);
        }
        ResultsFormat.check(current, file);
        current.put("schema", schema);   // the record says which format the file had
        try {
            return JSON.treeToValue(current, RunResult.class);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    /** Functions appear in results by their C name, as in format 1. */
    abstract static class FunctionByCName {
        @JsonValue
        abstract String cName();

        @JsonCreator
        static Function ofCName(String cName) {
            return Function.ofCName(cName);
        }
    }
}
