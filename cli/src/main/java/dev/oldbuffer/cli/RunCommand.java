package dev.oldbuffer.cli;

import dev.oldbuffer.catalogue.Profile;
import dev.oldbuffer.results.AssertionResult;
import dev.oldbuffer.results.Outcome;
import dev.oldbuffer.results.RunResult;
import dev.oldbuffer.spi.Implementations;
import dev.oldbuffer.tck.TckConfig;
import dev.oldbuffer.tck.run.TckRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the kit against one implementation in one or both profiles and prints a summary per profile. */
@Command(name = "run", description = "Run the kit against an implementation.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--impl"}, defaultValue = "reference", paramLabel = "ID",
            description = "Implementation id (see 'list'); default: ${DEFAULT-VALUE}.")
    String implementation;

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE", description = "An option of the implementation (repeatable).")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = {"-p", "--profile"}, defaultValue = "documented", paramLabel = "PROFILE",
            description = "documented, cpython or all; default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write results.json per profile under DIR/<impl>-<profile>/ (written whole or not at all).")
    Path out;

    @Override
    public Integer call() throws IOException {
        List<Profile> profiles = profiles();
        Path outDir = checkedOutput();
        PrintWriter stdout = spec.commandLine().getOut();
        List<RunResult> results = new ArrayList<>();
        for (Profile p : profiles) {
            TckConfig config = new TckConfig(implementation, options, p);
            Progress progress = new Progress(implementation + " / " + p);
            RunResult result;
            try {
                result = new TckRunner(config).progress(progress).run();
            } finally {
                progress.close();
            }
            results.add(result);
            printFailures(stdout, result);
        }
        if (outDir != null) {
            for (RunResult r : results) {
                r.write(outDir.resolve(implementation + "-" + r.profile()));
            }
        }
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        stdout.println();
        stdout.println(results.get(0).runtime() + " (" + implementation + "), kit " + results.get(0).kitVersion());
        for (RunResult r : results) {
            stdout.println(r.summaryLine() + "  [" + r.durationMillis() + " ms]");
            Map<Outcome, Integer> t = r.totals();
            passed += t.get(Outcome.PASSED);
            failed += t.get(Outcome.FAILED) + t.get(Outcome.CRASHED) + t.get(Outcome.TIMED_OUT);
            skipped += t.get(Outcome.NOT_APPLICABLE);
        }
        if (outDir != null) {
            stdout.println("results written under " + outDir);
        }
        stdout.println(passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : ""));
        boolean complete = results.stream().allMatch(RunResult::complete);
        return failed == 0 && complete ? Main.OK : Main.FAILURES;
    }

    private List<Profile> profiles() {
        if ("all".equals(profile)) {
            return Arrays.asList(Profile.values());
        }
        try {
            return List.of(Profile.ofId(profile));
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError(e.getMessage() + ", all");
        }
    }

    /** Checks the implementation, its options and the output folder before anything runs. */
    private Path checkedOutput() {
        Implementations.find(implementation, Thread.currentThread().getContextClassLoader());
        if (out == null) {
            return null;
        }
        Path dir = out.toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new Main.UsageError("cannot create output folder " + dir + ": " + e.getMessage() + "; choose a writable --out");
        }
        if (!Files.isWritable(dir)) {
            throw new Main.UsageError("output folder " + dir + " is not writable; choose a writable --out");
        }
        return dir;
    }

    private static void printFailures(PrintWriter out, RunResult result) {
        for (AssertionResult a : result.assertions()) {
            if (a.outcome() != Outcome.PASSED) {
                String first = a.detail().lines().findFirst().orElse("");
                out.println("  " + a.outcome().id().toUpperCase().replace('_', ' ') + " " + a.id() + " (" + result.profile() + ") "
                        + first);
            }
        }
    }
}
