package dev.oldbuffer.adapter.process;

import dev.oldbuffer.results.AssertionResult;
import dev.oldbuffer.results.Outcome;
import dev.oldbuffer.results.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
            entries.put(a.id(), new Entry(a.id(), a.outcome(), a.outcome() == Outcome.PASSED ? "" : observed(a)));
        }
        return new Baseline(result.runtime(), result.profile(), result.seed(), entries);
    }

    /**
     * What the kit saw: the value after "but was:" (or "but it raised:") in its failure message (see TckMessages), else the first
     * line; hex addresses and process ids masked.
     */
    static String observed(AssertionResult a) {
        List<String> lines = a.detail().lines().map(String::strip).toList();
        String seen = lines.isEmpty() ? "" : lines.get(0);
        int butWas = Math.max(lines.indexOf("but was:"), lines.indexOf("but it raised:"));
        if (butWas >= 0 && butWas + 1 < lines.size()) {
            seen = lines.get(butWas + 1);
        } else if (seen.startsWith("Invariant '") || seen.startsWith("Run failed")) {
            // a stateful run: the action list, then the kit's context line and what went wrong
            String invariant = seen.startsWith("Invariant '") ? seen.substring(0, seen.indexOf("' ", 11) + 1) + ": " : "";
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("[") && lines.get(i).contains(", profile ")) {
                    seen = invariant + lines.get(i + 1);
                    break;
                }
            }
        } else if (a.outcome() == Outcome.CRASHED || a.outcome() == Outcome.TIMED_OUT) {
            int during = seen.indexOf(" during ");
            seen = during > 0 ? seen.substring(0, during) : seen;
        }
        seen = seen.replaceAll("0x[0-9a-fA-F]+", "0x?").replaceAll("pid \\d+", "pid ?");
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
