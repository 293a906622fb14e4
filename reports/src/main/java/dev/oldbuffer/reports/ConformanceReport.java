package dev.oldbuffer.reports;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.oldbuffer.catalogue.Catalogue;
import dev.oldbuffer.results.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Writes the HTML report of one or more results folders into one output folder, whole or not at all.
 * For one folder, {@code index.html} is Allure's single-file report; for several, {@code index.html} is the
 * conformance matrix and each folder's Allure report is {@code <implementation>-<profile>/index.html},
 * linked from its column.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ConformanceReport {

    /** A file in every report folder, so that a later report may replace the folder and nothing else. */
    public static final String MARKER = ".oldbuffer-report";

    private ConformanceReport() {
    }

    /**
     * Reads and checks every given folder (see {@link ResultsFolder#resolve}) before anything is written.
     *
     * @throws ReportException naming the first folder that is not a results folder
     */
    public static List<ResultsFolder> resolve(List<Path> given) {
        Map<Path, ResultsFolder> found = new LinkedHashMap<>();
        for (Path p : given) {
            for (ResultsFolder f : ResultsFolder.resolve(p)) {
                found.putIfAbsent(f.path().toAbsolutePath().normalize(), f);
            }
        }
        return List.copyOf(found.values());
    }

    /**
     * Generates the report into {@code out}, replacing a report written there before.
     *
     * @return the page to open, {@code out/index.html}
     * @throws ReportException when {@code out} cannot be used; nothing is written then
     * @throws IOException when a report generator fails; nothing is left behind then
     */
    public static Path write(List<ResultsFolder> folders, Path out) throws IOException {
        if (folders.isEmpty()) {
            throw new ReportException("no results folder given; give at least one folder written by 'oldbuffer-tck run --out'");
        }
        StagedFolder.checkUsable(out, MARKER);
        AllureCommandline allure = AllureCommandline.bundled();
        try (StagedFolder staged = StagedFolder.beside(out)) {
            if (folders.size() == 1) {
                ResultsFolder f = folders.get(0);
                allure.generate(f.allureResults(), staged.path(), title(f.result()));
            } else {
                Files.createDirectories(staged.path());
                List<RunResult> results = new ArrayList<>();
                List<String> links = new ArrayList<>();
                Set<String> names = new HashSet<>();
                // runs of one implementation on several runtimes are told apart by the runtime, not by a counter
                Map<String, Long> sameName = folders.stream().collect(Collectors.groupingBy(ResultsFolder::name, Collectors.counting()));
                for (ResultsFolder f : folders) {
                    String name = unique(sameName.get(f.name()) > 1 ? f.qualifiedName() : f.name(), names);
                    allure.generate(f.allureResults(), staged.path().resolve(name), title(f.result()));
                    results.add(f.result());
                    links.add(name + "/index.html");
                }
                MatrixPage.write(Matrix.of(Catalogue.bundled(), results, links), staged.path().resolve("index.html"));
            }
            List<String> sources = folders.stream().map(f -> f.path().toAbsolutePath().normalize().toString()).toList();
            Files.write(staged.path().resolve(MARKER), sources);
            return staged.commit().resolve("index.html");
        }
    }

    private static String title(RunResult r) {
        return "Old buffer API conformance: " + r.runtime() + " / " + r.profile();
    }

    private static String unique(String name, Set<String> taken) {
        String candidate = name;
        for (int i = 2; !taken.add(candidate); i++) {
            candidate = name + "-" + i;
        }
        return candidate;
    }
}
