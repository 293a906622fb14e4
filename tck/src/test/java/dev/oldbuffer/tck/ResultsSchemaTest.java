package dev.oldbuffer.tck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.oldbuffer.results.Outcome;
import dev.oldbuffer.results.RunResult;
import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.tck.properties.PropertySettings;
import dev.oldbuffer.tck.run.TckRunner;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code results.schema.json} describes what the kit writes: real runs - passes, property failures with their seed
 * and sample, crashes, not verified - validate against it and read back equal; and the schema can fail.
 */
class ResultsSchemaTest {

    private static Schema schema;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void loadTheSchema() throws Exception {
        try (InputStream in = RunResult.class.getResourceAsStream("results.schema.json")) {
            assertThat(in).as("results.schema.json next to RunResult").isNotNull();
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    @Test
    void realRunsValidateAndReadBackEqual() throws Exception {
        for (String implementation : List.of("reference", "broken-accepts-strided", "broken-null-crashes")) {
            Profile profile = implementation.equals("broken-null-crashes") ? Profile.CPYTHON : Profile.DOCUMENTED;
            RunResult result = new TckRunner(new TckConfig(implementation, Map.of(), profile)).seed("42")
                    .parameter(PropertySettings.TRIES, "100").run();
            Path written = result.write(dir.resolve(implementation));
            assertThat(errors(JSON.readTree(written.toFile()))).as("%s: results.json against the schema", implementation).isEmpty();
            assertThat(RunResult.read(written)).isEqualTo(result);
            assertThat(result.assertions()).extracting(a -> a.outcome()).contains(Outcome.NOT_VERIFIED);
        }
        JsonNode strided = JSON.readTree(dir.resolve("broken-accepts-strided").resolve(RunResult.FILE_NAME).toFile());
        assertThat(strided.findValues("property")).as("a property's failure carries its run").isNotEmpty();
        JsonNode crashes = JSON.readTree(dir.resolve("broken-null-crashes").resolve(RunResult.FILE_NAME).toFile());
        assertThat(crashes.findValues("kind")).extracting(JsonNode::asText).contains("crash");
    }

    @Test
    void theSchemaRefusesWhatTheKitNeverWrites() throws Exception {
        RunResult result = new TckRunner(new TckConfig("broken-accepts-strided", Map.of(), Profile.DOCUMENTED)).seed("42")
                .parameter(PropertySettings.TRIES, "50").run();
        ObjectNode good = (ObjectNode) JSON.readTree(result.toJson());
        assertThat(errors(good)).isEmpty();

        ObjectNode unknownOutcome = good.deepCopy();
        ((ObjectNode) unknownOutcome.get("assertions").get(0)).put("outcome", "sort-of");
        assertThat(errors(unknownOutcome)).isNotEmpty();

        ObjectNode failureless = good.deepCopy();
        for (JsonNode a : failureless.get("assertions")) {
            ((ObjectNode) a).remove("failure");
        }
        assertThat(errors(failureless)).as("a failed assertion without its failure").isNotEmpty();

        ObjectNode newer = good.deepCopy();
        newer.put("schema", 3);
        assertThat(errors(newer)).isNotEmpty();
        Path file = Files.writeString(dir.resolve("newer.json"), newer.toString());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunResult.read(file))
                .hasMessageContaining("results format 3, which this kit does not know; it reads formats 1 to 2")
                .hasMessageContaining("written by a newer kit");
    }

    private static List<Error> errors(JsonNode json) {
        return schema.validate(json);
    }
}
