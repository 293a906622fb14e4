package dev.oldbuffer.reports;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.oldbuffer.results.Baseline;
import dev.oldbuffer.results.BaselineException;
import dev.oldbuffer.results.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * A folder written by {@code oldbuffer-tck run --out}: {@code results.json} and the {@code allure-results/}
 * folder of one implementation and profile, and {@code baseline.txt} when the run was held to a baseline.
 *
 * @param path     the folder
 * @param result   its {@code results.json}, read
 * @param baseline the baseline the run was held to, read; null when it was held to none
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ResultsFolder(Path path, RunResult result, Baseline baseline) {

    public static final String ALLURE_RESULTS = "allure-results";
    /** The copy of the baseline a run was held to. */
    public static final String BASELINE = "baseline.txt";

    /** The same run, shown against another baseline. */
    public ResultsFolder against(Baseline other) {
        return new ResultsFolder(path, result, other);
    }

    /** The Allure results inside it. */
    public Path allureResults() {
        return path.resolve(ALLURE_RESULTS);
    }

    /** One line for a terminal: its totals, runtime and folder, control characters from the file shown as {@code ?}. */
    public String summary() {
        return SafeNames.printable(result.summaryLine() + "  (" + result.runtime() + ", " + path + ")");
    }

    /** A name for its report, a slug: {@code <implementation>-<profile>}, as {@code run --out} names the folder. */
    public String name() {
        return SafeNames.slug(result.implementation() + "-" + result.profile());
    }

    /**
     * A name that also says which runtime ran, for reports that hold several runs of one implementation, a slug:
     * {@code capi-process-cpython-3.12.1-documented}.
     */
    public String qualifiedName() {
        return SafeNames.slug(result.implementation() + "-" + result.runtime() + "-" + result.profile());
    }

    /**
     * The results folders at {@code given}: the folder itself when it holds {@code results.json}, else its
     * immediate subfolders that do (so the whole {@code --out} folder of a run can be given).
     *
     * @throws ReportException when there is none, or one cannot be read, naming the folder
     */
    public static List<ResultsFolder> resolve(Path given) {
        if (Files.isRegularFile(given.resolve(RunResult.FILE_NAME))) {
            return List.of(read(given));
        }
        List<ResultsFolder> found = new ArrayList<>();
        if (Files.isDirectory(given)) {
            try (Stream<Path> children = Files.list(given)) {
                for (Path child : children.sorted().toList()) {
                    if (Files.isRegularFile(child.resolve(RunResult.FILE_NAME))) {
                        found.add(read(child));
                    }
                }
            } catch (IOException e) {
                throw new ReportException("cannot read " + given + ": " + e.getMessage());
            }
        }
        if (found.isEmpty()) {
            throw new ReportException(given + " is not a results folder: no " + RunResult.FILE_NAME
                    + " in it or its subfolders; give a folder written by 'oldbuffer-tck run --out'");
        }
        return found;
    }

    private static ResultsFolder read(Path folder) {
        RunResult result;
        try {
            result = RunResult.read(folder);
        } catch (IOException e) {
            throw new ReportException(folder + " is not a results folder: its " + RunResult.FILE_NAME
                    + " cannot be read (" + SafeNames.printable(e.getMessage().lines().findFirst().orElse(""))
                    + "); run the kit again with --out");
        }
        Path allure = folder.resolve(ALLURE_RESULTS);
        if (!Files.isDirectory(allure, LinkOption.NOFOLLOW_LINKS)) {
            throw new ReportException(folder + " is not a results folder: it has no " + ALLURE_RESULTS
                    + "/; run the kit again with 'oldbuffer-tck run --out'");
        }
        AllureResultsCheck.check(allure);
        Baseline baseline = null;
        if (Files.exists(folder.resolve(BASELINE), LinkOption.NOFOLLOW_LINKS)) {
            try {
                baseline = Baseline.read(folder.resolve(BASELINE));
            } catch (BaselineException e) {
                throw new ReportException(SafeNames.printable(e.getMessage()));
            }
        }
        return new ResultsFolder(folder, result, baseline);
    }
}
