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
 * For one folder, {@code index.html} is Allure's single-file report; for several, or for a run held to a baseline,
 * {@code index.html} is the conformance matrix (cells that moved from a run's baseline marked, with what it had) and
 * each folder's Allure report is {@code <implementation>-<profile>/index.html}, linked from its column.
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
        return write(folders, out, AllureCommandline.bundled());
    }

    /** {@link #write(List, Path)} with another generator of the runs' own reports (the kit's tests use a stand-in). */
    static Path write(List<ResultsFolder> folders, Path out, ReportGenerator allure) throws IOException {
        if (folders.isEmpty()) {
            throw new ReportException("no results folder given; give at least one folder written by 'oldbuffer-tck run --out'");
        }
        StagedFolder.checkUsable(out, MARKER);
        try (StagedFolder staged = StagedFolder.beside(out)) {
            if (folders.size() == 1 && folders.get(0).baseline() == null) {
                ResultsFolder f = folders.get(0);
                allure.generate(f.allureResults(), staged.path(), title(f.result()));
            } else {
                // several runs, or a run against its baseline: the matrix, each run's own report beside it
                Files.createDirectories(staged.path());
                List<Matrix.Run> runs = new ArrayList<>();
                List<String> names = names(folders);
                for (int i = 0; i < folders.size(); i++) {
                    ResultsFolder f = folders.get(i);
                    allure.generate(f.allureResults(), staged.child(names.get(i)), title(f.result()));
                    runs.add(new Matrix.Run(f.result(), names.get(i) + "/index.html",
                            SafeNames.printable(String.valueOf(f.path().toAbsolutePath().normalize().getFileName())), f.baseline()));
                }
                MatrixPage.write(Matrix.of(Catalogue.bundled(), runs), staged.child("index.html"));
            }
            List<String> sources = folders.stream().map(f -> f.path().toAbsolutePath().normalize().toString()).toList();
            Files.write(staged.path().resolve(MARKER), sources);
            return staged.commit().resolve("index.html");
        }
    }

    private static String title(RunResult r) {
        return "Old buffer API conformance: " + r.runtime() + " / " + r.profile();
    }

    /**
     * The folder of each run's report: {@code <implementation>-<profile>}; where several runs share that, the runtime
     * tells them apart ({@code capi-process-pypy-7.3.11-documented}), then the results folder's own name. All slugs:
     * nothing read from a results file becomes part of a path as it is.
     */
    static List<String> names(List<ResultsFolder> folders) {
        List<String> names = new ArrayList<>();
        for (ResultsFolder f : folders) {
            names.add(f.name());
        }
        tellApart(names, folders, ResultsFolder::qualifiedName);
        tellApart(names, folders, f -> f.qualifiedName() + "-" + SafeNames.slug(String.valueOf(f.path().toAbsolutePath()
                .normalize().getFileName())));
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {   // the same folder name under two parents: a counter, the last resort
            String name = names.get(i);
            for (int n = 2; !taken.add(names.get(i)); n++) {
                names.set(i, SafeNames.slug(name + "-" + n));
            }
        }
        return names;
    }

    /** Renames, with {@code better}, every run whose name another run has too. */
    private static void tellApart(List<String> names, List<ResultsFolder> folders,
                                  java.util.function.Function<ResultsFolder, String> better) {
        Map<String, Long> counts = names.stream().collect(Collectors.groupingBy(n -> n, Collectors.counting()));
        for (int i = 0; i < names.size(); i++) {
            if (counts.get(names.get(i)) > 1) {
                names.set(i, SafeNames.slug(better.apply(folders.get(i))));
            }
        }
    }
}
