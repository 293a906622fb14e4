package dev.oldbuffer.adapter.process;

import dev.oldbuffer.results.AssertionResult;
import dev.oldbuffer.results.Failure;
import dev.oldbuffer.results.Outcome;
import dev.oldbuffer.results.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The committed expectation for one runtime and profile: per assertion its outcome and, unless it passed,
 * what was observed, with addresses masked so that the file only changes when behaviour does.
 *
 * <pre>
 * runtime: CPython 3.12.1
 * profile: cpython
 * seed: 20261127
 * char01  passed
 * char12  failed  BufferError: memoryview: underlying buffer is not C-contiguous
 * </pre>
 */
record Baseline(String runtime, String profile, String seed, Map<String, Entry> entries) {

    static final String HEADER = "# Expected results of the Old buffer API TCK; regenerate with\n"
            + "#   mvn -B verify -pl adapters/capi-process -am -Doldbuffer.updateBaselines=true\n";

    /** One assertion's line. */
    record Entry(String id, Outcome outcome, String observed) {
        String render() {
            return observed.isEmpty() ? id + "  " + outcome.id() : id + "  " + outcome.id() + "  " + observed;
        }
    }

    static Baseline of(RunResult result) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (AssertionResult a : result.assertions()) {
            entries.put(a.id(), new Entry(a.id(), a.outcome(), a.failure() == null ? "" : observed(a.failure())));
        }
        return new Baseline(result.runtime(), result.profile(), result.seed(), entries);
    }

    /** What the kit saw, from the failure's fields: its summary, with hex addresses and process ids masked. */
    static String observed(Failure failure) {
        String seen = failure.summary().replaceAll("0x[0-9a-fA-F]+", "0x?").replaceAll("pid \\d+", "pid ?");
        return seen.length() > 160 ? seen.substring(0, 160) + "..." : seen;
    }

    String render() {
        StringBuilder s = new StringBuilder(HEADER).append("runtime: ").append(runtime).append('\n')
                .append("profile: ").append(profile).append('\n').append("seed: ").append(seed).append('\n');
        entries.values().forEach(e -> s.append(e.render()).append('\n'));
        return s.toString();
    }

    static Baseline read(Path file) throws IOException {
        String runtime = "";
        String profile = "";
        String seed = "";
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            } else if (line.startsWith("runtime: ")) {
                runtime = line.substring("runtime: ".length());
            } else if (line.startsWith("profile: ")) {
                profile = line.substring("profile: ".length());
            } else if (line.startsWith("seed: ")) {
                seed = line.substring("seed: ".length());
            } else {
                String[] parts = line.split("  ", 3);
                entries.put(parts[0], new Entry(parts[0], Outcome.ofId(parts[1]), parts.length > 2 ? parts[2] : ""));
            }
        }
        return new Baseline(runtime, profile, seed, entries);
    }
}
