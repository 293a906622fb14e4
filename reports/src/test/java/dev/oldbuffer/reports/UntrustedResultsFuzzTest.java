package dev.oldbuffer.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oldbuffer.results.RunResult;
import dev.oldbuffer.spi.Profile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Results folders are input the user did not write. Mutations of valid ones - names with {@code ..}, absolute paths,
 * backslashes, NUL and control characters, markup, strings of a megabyte, wrong types, missing and unknown fields,
 * duplicate assertions, oversized arrays - make {@code report} either write the report inside {@code --out}, with
 * every name escaped, or refuse with a {@link ReportException} (exit 2 on the command line); it never writes
 * anywhere else and never fails otherwise. Allure's generator is replaced by a stand-in that writes where it is told,
 * as Allure does: the paths are the report's to choose.
 */
class UntrustedResultsFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALID = Runs.run("Model 1.0", Profile.DOCUMENTED, true, Map.of(
            "char01", Runs.outcome("char01", dev.oldbuffer.results.Outcome.FAILED, "expected 0\nbut was:\n  -1"))).toJson();
    private static final AtomicInteger TRIES = new AtomicInteger();
    private static final AtomicInteger REFUSED = new AtomicInteger();

    /** Where the stand-in generator writes its page: a real report's index of one run. */
    private static final ReportGenerator STAND_IN = (results, out, name) -> {
        Files.createDirectories(out);
        return Files.writeString(out.resolve("index.html"), "<html>" + name.length() + "</html>");
    };

    @Property(tries = 300)
    void aMutatedResultsFileIsReportedEscapedOrRefusedAndNothingLandsOutsideOut(@ForAll("mutations") Mutation mutation)
            throws IOException {
        TRIES.incrementAndGet();
        Path root = Files.createTempDirectory("untrusted-results");
        try {
            Path inputs = Files.createDirectories(root.resolve("inputs"));
            Path good = folder(inputs.resolve("good"), VALID);
            Path bad = folder(inputs.resolve("bad"), mutation.apply(root));
            Path out = root.resolve("a/b/out");
            List<Path> before = files(root);
            try {
                Path index = ConformanceReport.write(ConformanceReport.resolve(List.of(good, bad)), out, STAND_IN);
                String page = Files.readString(index);
                assertThat(page).as("markup from a results file is escaped").doesNotContain("<script>", "<img");
            } catch (ReportException refused) {
                REFUSED.incrementAndGet();
                assertThat(refused.getMessage()).as("one line").doesNotContain("\n").doesNotContain("\u0000");
            }
            List<Path> after = files(root);
            after.removeAll(before);
            assertThat(after).as("files written by %s", mutation).allSatisfy(p -> assertThat(p).startsWith(out));
        } finally {
            StagedFolder.deleteTree(root);
        }
    }

    @AfterContainer
    static void tell() {
        System.out.println("UntrustedResultsFuzzTest: " + TRIES.get() + " mutated results files, " + REFUSED.get()
                + " refused with a message, the others reported inside --out");
    }

    /** A change to a valid results file; {@link #apply} gives the file's new text (absolute paths under {@code root}). */
    record Mutation(String field, String kind, Object value) {
        String apply(Path root) {
            ObjectNode tree;
            try {
                tree = (ObjectNode) JSON.readTree(VALID);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            ObjectNode target = field.startsWith("assertions.") ? (ObjectNode) tree.get("assertions").get(0) : tree;
            String name = field.startsWith("assertions.") ? field.substring("assertions.".length()) : field;
            Object v = value instanceof String s ? s.replace("ROOT", root.toString()) : value;
            switch (kind) {
                case "set" -> target.set(name, JSON.valueToTree(v));
                case "remove" -> target.remove(name);
                case "duplicate" -> ((ArrayNode) tree.get("assertions")).add(tree.get("assertions").get(0).deepCopy());
                case "many" -> {
                    ArrayNode all = (ArrayNode) tree.get("assertions");
                    for (int i = 0; i < 12_000; i++) {
                        all.add(all.get(1).deepCopy());
                    }
                }
                case "option" -> ((ObjectNode) tree.get("options")).set(String.valueOf(v), JSON.valueToTree(v));
                default -> throw new IllegalArgumentException(kind);
            }
            return tree.toString();
        }

        @Override
        public String toString() {
            String shown = String.valueOf(value);
            return kind + " " + field + (value == null ? "" : " = " + (shown.length() > 40 ? shown.substring(0, 40) + "..." : shown));
        }
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        Arbitrary<String> names = Arbitraries.of("implementation", "runtime", "profile", "kitVersion", "catalogueVersion",
                "java", "seed", "startedAt", "assertions.id", "assertions.detail", "assertions.function", "assertions.outcome");
        Arbitrary<Object> hostile = Arbitraries.of("../escaped", "../../../escaped", "ROOT/outside/escaped", "/tmp",
                "..\\..\\escaped", "a/b/c", "x\u0000y", "\u001b]0;title\u0007\u001b[31mred", "line\nbreak", "",
                ".", "..", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "naïve ünïcödé ✓",
                "a".repeat(1_000_000), "documented", "char01");
        Arbitrary<Object> wrongTypes = Arbitraries.of(42, -1, 3.5, true, List.of("a"), Map.of("a", 1),
                JsonNodeFactory.instance.nullNode());
        Arbitrary<Mutation> set = Combinators.combine(names, Arbitraries.oneOf(hostile, wrongTypes))
                .as((n, v) -> new Mutation(n, "set", v));
        Arbitrary<Mutation> remove = Arbitraries.of("implementation", "runtime", "profile", "assertions", "schema",
                "assertions.id", "assertions.failure", "complete").map(n -> new Mutation(n, "remove", null));
        Arbitrary<Mutation> unknownField = Arbitraries.of("extra", "assertions.extra").map(n -> new Mutation(n, "set", "x"));
        Arbitrary<Mutation> options = hostile.map(v -> new Mutation("options", "option", v));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, set),
                net.jqwik.api.Tuple.of(2, remove),
                net.jqwik.api.Tuple.of(1, unknownField),
                net.jqwik.api.Tuple.of(2, options),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Mutation("assertions", "duplicate", null))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Mutation("assertions", "many", null))));
    }

    private static Path folder(Path folder, String resultsJson) throws IOException {
        Files.createDirectories(folder.resolve(ResultsFolder.ALLURE_RESULTS));
        Files.writeString(folder.resolve(RunResult.FILE_NAME), resultsJson);
        return folder;
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return new ArrayList<>(s.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList());
        }
    }
}
