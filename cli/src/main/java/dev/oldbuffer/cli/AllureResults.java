package dev.oldbuffer.cli;

import dev.oldbuffer.results.MigrationNote;
import dev.oldbuffer.results.RunResult;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.platform.launcher.TestExecutionListener;

/**
 * A run's Allure results folder: what Allure's JUnit Platform listener writes through a lifecycle of its own
 * (never the JVM-wide default, which writes wherever the JVM happens to run), plus {@code environment.properties}
 * (the run's stamp) and {@code categories.json} (spec deviation, crash, time-out, not applicable).
 */
final class AllureResults {

    private final Path dir;
    private final AllureLifecycle lifecycle;
    private final RuntimeFailureMarker marker;
    private final AllureJunitPlatform listener;

    AllureResults(Path dir) {
        this.dir = dir;
        this.marker = new RuntimeFailureMarker(new FileSystemResultsWriter(dir));
        this.lifecycle = new AllureLifecycle(marker);
        marker.observe(lifecycle);
        this.listener = new AllureJunitPlatform(lifecycle);
    }

    /** The listeners to add to the run, in this order: the marker must see a test end before Allure closes it. */
    List<TestExecutionListener> listeners() {
        return List.of(marker, listener);
    }

    /** Runs with Allure's static API pointed at this folder, so that the kit's labels and attachments land here. */
    <T> T during(Supplier<T> run) {
        AllureLifecycle before = Allure.getLifecycle();
        Allure.setLifecycle(lifecycle);
        try {
            return run.get();
        } finally {
            Allure.setLifecycle(before);
        }
    }

    /** Writes the run's stamp and the categories next to the results. */
    void describe(RunResult r) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("implementation", r.runtime());
        env.put("implementation.id", r.implementation());
        env.put("implementation.options", new TreeMap<>(r.options()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")));
        env.put("profile", r.profile());
        env.put("seed", r.seed().isEmpty() ? "none" : r.seed());
        env.put("java", r.java());
        env.put("kit.version", r.kitVersion());
        env.put("catalogue.version", r.catalogueVersion());
        env.put("started", r.startedAt());
        env.put("complete", String.valueOf(r.complete()));
        // the migration notes on the report's overview: where the recommended calls change what the runtime does
        for (int i = 0; i < r.migration().size(); i++) {
            MigrationNote n = r.migration().get(i);
            env.put(String.format("migration %02d: %s -> %s, %s", i + 1, n.from(), n.to(), n.object()), n.before() + " -> " + n.after());
        }
        String text = env.entrySet().stream().map(e -> escapeKey(e.getKey()) + "=" + escape(e.getValue()))
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(dir.resolve("environment.properties"), text, StandardCharsets.ISO_8859_1);
        try (InputStream in = AllureResults.class.getResourceAsStream("categories.json")) {
            Files.copy(in, dir.resolve("categories.json"));
        }
    }

    /** Properties-file escaping for a key: as for a value, and its spaces, '=' and ':' too. */
    private static String escapeKey(String key) {
        return escape(key).replace(" ", "\\ ").replace("=", "\\=").replace(":", "\\:");
    }

    /** Properties-file escaping for a value: backslashes, line breaks and characters beyond Latin-1. */
    private static String escape(String value) {
        StringBuilder s = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                default -> s.append(c > 0xff ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return s.toString();
    }
}
