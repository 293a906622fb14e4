package dev.oldbuffer.cli;

import dev.oldbuffer.reports.ResultsFolder;
import dev.oldbuffer.reports.StagedFolder;
import dev.oldbuffer.results.Baseline;
import dev.oldbuffer.results.RunResult;
import dev.oldbuffer.tck.run.TckRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/**
 * One run's results folder, {@code DIR/<implementation>-<profile>/}: {@code results.json}, {@code allure-results/}
 * and {@code junit/} (JUnit XML, for CI servers). Written into a hidden sibling and moved into place by
 * {@link #commit()}, so that nothing half-written is ever seen there.
 */
final class ResultsOutput implements AutoCloseable {

    static final String JUNIT = "junit";

    private final StagedFolder staged;
    private final AllureResults allure;

    ResultsOutput(Path target) {
        this.staged = StagedFolder.beside(target);
        this.allure = new AllureResults(staged.path().resolve(ResultsFolder.ALLURE_RESULTS));
    }

    /** Runs with the Allure and JUnit XML listeners and writes the results; nothing is in place before {@link #commit()}. */
    RunResult run(TckRunner runner, PrintWriter err) throws IOException {
        allure.listeners().forEach(runner::listener);
        runner.listener(new LegacyXmlReportGeneratingListener(staged.path().resolve(JUNIT), err));
        RunResult result = allure.during(runner::run);
        result.write(staged.path());
        allure.describe(result);
        return result;
    }

    /** Keeps the baseline the run was held to beside its results, so that its report shows what moved. */
    void keep(Baseline baseline) throws IOException {
        Files.createDirectories(staged.path());
        Files.writeString(staged.path().resolve(ResultsFolder.BASELINE), baseline.render());
    }

    Path commit() throws IOException {
        return staged.commit();
    }

    @Override
    public void close() throws IOException {
        staged.close();
    }
}
