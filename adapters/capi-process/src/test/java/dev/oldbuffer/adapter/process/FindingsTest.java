package dev.oldbuffer.adapter.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.oldbuffer.adapter.process.RuntimeConformanceTest.Target;
import dev.oldbuffer.catalogue.Catalogue;
import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.results.Baseline;
import dev.oldbuffer.results.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's findings section is generated from the committed baselines, never typed by hand: this test
 * fails when the two disagree, and {@code -Doldbuffer.updateBaselines=true} rewrites the section.
 */
class FindingsTest {

    static final String BEGIN = "<!-- findings:begin (generated from adapters/capi-process/baselines by FindingsTest) -->";
    static final String END = "<!-- findings:end -->";

    @Test
    void readmeFindingsMatchTheBaselines() throws IOException {
        if (Boolean.getBoolean("oldbuffer.updateBaselines")) {
            rewriteReadme();   // again after the new baselines: RuntimeConformanceTest's @AfterAll
            return;
        }
        assertThat(currentSection()).as("README findings are stale; rerun with -Doldbuffer.updateBaselines=true").isEqualTo(findings());
    }

    private static Path readme() {
        return Path.of(System.getProperty("oldbuffer.test.readme", "../../README.md"));
    }

    private static int[] bounds(String text) {
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            fail(readme() + " has no findings section between " + BEGIN + " and " + END);
        }
        return new int[] {begin + BEGIN.length(), end};
    }

    private static String currentSection() throws IOException {
        String text = Files.readString(readme());
        int[] at = bounds(text);
        return text.substring(at[0], at[1]);
    }

    /** Writes the section generated from the committed baselines into the README. */
    static void rewriteReadme() throws IOException {
        String text = Files.readString(readme());
        int[] at = bounds(text);
        // whole or not at all: the two halves of the matrix may each rewrite it, in JVMs of their own
        Path tmp = Files.createTempFile(readme().toAbsolutePath().getParent(), ".README-", ".md");
        Files.writeString(tmp, text.substring(0, at[0]) + findings() + text.substring(at[1]));
        Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(readme()));
        Files.move(tmp, readme(), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Per profile, the assertions some runtime does not pass, runtimes across. */
    static String findings() throws IOException {
        StringBuilder md = new StringBuilder("\n");
        for (Profile profile : Profile.values()) {
            Map<String, Baseline> byRuntime = new LinkedHashMap<>();
            for (Target target : Target.all()) {
                Path file = RuntimeConformanceTest.baselineFile(target, profile);
                if (Files.exists(file)) {
                    Baseline b = Baseline.read(file);
                    byRuntime.put(target.label(b.runtime()), b);
                }
            }
            md.append("\n**Profile `").append(profile).append("`** — totals: ");
            List<String> totals = new ArrayList<>();
            // not verified assertions are listed apart: no run can pass or fail them
            byRuntime.forEach((name, b) -> totals.add(name + " " + count(b, Outcome.PASSED) + "/"
                    + (b.entries().size() - count(b, Outcome.NOT_VERIFIED)) + " passed"
                    + (count(b, Outcome.CRASHED) > 0 ? ", " + count(b, Outcome.CRASHED) + " crashed" : "")
                    + (count(b, Outcome.NOT_VERIFIED) > 0 ? ", " + count(b, Outcome.NOT_VERIFIED) + " not verified" : "")));
            md.append(String.join("; ", totals)).append(".\n\n");
            md.append("| assertion | function |");
            byRuntime.keySet().forEach(name -> md.append(' ').append(name).append(" |"));
            md.append("\n|---|---|");
            byRuntime.keySet().forEach(name -> md.append("---|"));
            md.append('\n');
            for (var a : Catalogue.bundled().testable(profile)) {
                boolean allPass = byRuntime.values().stream()
                        .allMatch(b -> b.entries().containsKey(a.id()) && b.entries().get(a.id()).outcome() == Outcome.PASSED);
                if (allPass) {
                    continue;
                }
                md.append("| `").append(a.id()).append("` ").append(a.requirement().replace("|", "\\|")).append(" | ")
                        .append(a.function().cName()).append(" |");
                for (Baseline b : byRuntime.values()) {
                    Baseline.Entry e = b.entries().get(a.id());
                    md.append(' ').append(e == null ? "—" : cell(e) + (b.unstable().contains(a.id()) ? " (varies from run to run)" : ""))
                            .append(" |");
                }
                md.append('\n');
            }
        }
        return md.append(migration()).append('\n').toString();
    }

    /**
     * Where replacing an old call by the recommended one changes behaviour: one row per old call, replacement and object
     * that shows a change on some runtime, with what each runtime does (from the committed migration notes).
     */
    static String migration() throws IOException {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();   // "old | new | object" -> runtime -> change
        List<String> runtimes = new ArrayList<>();
        for (Target target : Target.all()) {
            Path file = RuntimeConformanceTest.migrationFile(target);
            if (!Files.exists(file)) {
                continue;
            }
            String runtime = target.toString();
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("runtime: ")) {
                    runtime = target.label(line.substring("runtime: ".length()));
                    runtimes.add(runtime);
                } else if (!line.startsWith("#") && !line.isBlank()) {
                    String[] f = line.split(java.util.regex.Pattern.quote(RuntimeConformanceTest.MIGRATION_FIELDS), 5);
                    String key = "`" + f[0].replace("PyObject_", "") + "` → `" + f[1] + "` | " + f[2].replace("|", "\\|");
                    rows.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(runtime, f[3] + " → " + f[4]);
                }
            }
        }
        StringBuilder md = new StringBuilder("\n**Migration notes** — where replacing an old call by the one the page recommends "
                + "changes what a runtime does (informational; the `replacement` assertions say which changes are intended; "
                + "\"same\": no change on that runtime).\n\n| migration | object |");
        runtimes.forEach(r -> md.append(' ').append(r).append(" |"));
        md.append("\n|---|---|");
        runtimes.forEach(r -> md.append("---|"));
        md.append('\n');
        rows.forEach((key, byRuntime) -> {
            md.append("| ").append(key).append(" |");
            runtimes.forEach(r -> md.append(' ').append(byRuntime.getOrDefault(r, "same").replace("|", "\\|")).append(" |"));
            md.append('\n');
        });
        return md.toString();
    }

    private static long count(Baseline b, Outcome o) {
        return b.entries().values().stream().filter(e -> e.outcome() == o).count();
    }

    private static String cell(Baseline.Entry e) {
        String observed = e.observed().replace("|", "\\|");
        return switch (e.outcome()) {
            case PASSED -> "pass";
            case FAILED -> "**fail**: " + observed;
            case CRASHED -> "**crash**: " + observed;
            case TIMED_OUT -> "**timeout**";
            case NOT_APPLICABLE -> "n/a";
            case NOT_VERIFIED -> "not verified";
        };
    }

    /**
     * An abi3 build makes the very calls a version-specific one makes, into the same libpython: every assertion must come
     * out the same in the committed baselines (each of which RuntimeConformanceTest holds to the runtime's behaviour).
     */
    @Test
    void theAbi3BuildAnswersAsTheVersionSpecificOne() throws IOException {
        for (Target abi3 : Target.all().stream().filter(Target::abi3).toList()) {
            for (Profile profile : abi3.profiles()) {
                Baseline version = Baseline.read(RuntimeConformanceTest.baselineFile(new Target(abi3.runtime(), false), profile));
                Baseline built = Baseline.read(RuntimeConformanceTest.baselineFile(abi3, profile));
                assertThat(built.entries()).as("%s / %s against the version-specific build", abi3, profile)
                        .isEqualTo(version.entries());
            }
            assertThat(Files.readString(RuntimeConformanceTest.migrationFile(abi3))).as("%s migration notes", abi3)
                    .isEqualTo(Files.readString(RuntimeConformanceTest.migrationFile(new Target(abi3.runtime(), false))));
        }
    }
}
