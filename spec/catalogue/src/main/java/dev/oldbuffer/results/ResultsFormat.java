package dev.oldbuffer.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The checks a results file passes before the kit uses it, and the reading of the first format as the current one. */
final class ResultsFormat {

    private static final Schema SCHEMA = load();

    private ResultsFormat() {
    }

    private static Schema load() {
        try (InputStream in = ResultsFormat.class.getResourceAsStream("results.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("results.schema.json is missing from the class path");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file against the schema, and what a schema cannot say: each assertion once. One line names the first problem. */
    static void check(ObjectNode results, Path file) throws IOException {
        List<Error> errors = SCHEMA.validate(results);
        if (!errors.isEmpty()) {
            Error first = errors.get(0);
            String where = first.getInstanceLocation() == null ? "$" : first.getInstanceLocation().toString();
            throw new IOException(file + ": " + where + ": " + printable(first.getMessage())
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more problems)" : ""));
        }
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JsonNode a : results.get("assertions")) {
            if (!ids.add(a.get("id").asText())) {
                throw new IOException(file + ": $.assertions[" + index + "].id: assertion '" + a.get("id").asText()
                        + "' appears more than once");
            }
            index++;
        }
    }

    /**
     * A format-1 file as format 2: the schema field, and for each problem a failure whose observed value is the first line
     * of its detail (format 1 kept nothing else), so that it shows as format 1's reports showed it.
     */
    static ObjectNode upgrade(ObjectNode v1) {
        ObjectNode v2 = v1.deepCopy();
        v2.put("schema", RunResult.SCHEMA);
        JsonNode assertions = v2.path("assertions");
        if (assertions.isArray()) {
            for (JsonNode a : assertions) {
                String outcome = a.path("outcome").asText("");
                String kind = switch (outcome) {
                    case "failed" -> "violation";
                    case "crashed" -> "crash";
                    case "timed_out" -> "timeout";
                    default -> null;
                };
                if (kind != null && a.isObject() && !a.has("failure")) {
                    String observed = a.path("detail").asText("").lines().findFirst().orElse("").strip();
                    ((ObjectNode) a).putObject("failure").put("kind", kind).put("check", "").put("expected", "")
                            .put("observed", observed.isEmpty() ? "(nothing)" : observed).put("call", "").put("transcript", "");
                }
            }
        }
        return v2;
    }

    /** Text from a file, for a message on one line: control characters shown as {@code ?}. */
    static String printable(String text) {
        return text.replaceAll("[\\p{Cntrl}]", "?");
    }
}
