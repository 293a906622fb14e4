package dev.oldbuffer.cli;

import dev.oldbuffer.reports.ConformanceReport;
import dev.oldbuffer.reports.ResultsFolder;
import dev.oldbuffer.results.Baseline;
import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.tck.run.Regression;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Writes the HTML report of one or more results folders: Allure's report for each, the matrix for several. */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, description = {
        "Write the HTML report of results folders written by 'run --out'.",
        "One folder: DIR/index.html is Allure's report. Several: DIR/index.html is the conformance matrix,"
                + " and DIR/<impl>-<profile>/index.html each folder's Allure report."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RESULTS_DIR",
            description = "A folder written by 'run --out DIR' (DIR/<impl>-<profile>), or DIR itself for all in it.")
    List<Path> folders;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Where to write the report; an earlier report there is replaced whole.")
    Path out;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Show the run of the one results folder given against this baseline: the matrix, with the cells"
                    + " that moved marked. (A run made with 'run --baseline --out' keeps its baseline: no need to give it.)")
    Path baseline;

    @Override
    public Integer call() {
        List<ResultsFolder> found = ConformanceReport.resolve(folders);
        if (baseline != null) {
            if (found.size() != 1) {
                throw new Main.UsageError("--baseline goes with one results folder, " + found.size() + " were given; "
                        + "runs made with 'run --baseline --out' keep their baselines");
            }
            Baseline b = Baseline.read(baseline);
            Regression.checkFits(b, baseline.toString(), Profile.ofId(found.get(0).result().profile()));
            found = List.of(found.get(0).against(b));
        }
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            Path index = ConformanceReport.write(found, out);
            for (ResultsFolder f : found) {
                stdout.println("  " + f.summary());
            }
            stdout.println("report written: " + index);
            return Main.OK;
        } catch (IOException e) {
            spec.commandLine().getErr().println("oldbuffer-tck: the report could not be written: " + e.getMessage());
            return Main.FAILURES;
        }
    }
}
