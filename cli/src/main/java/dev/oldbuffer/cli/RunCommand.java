package dev.oldbuffer.cli;

import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.reports.StagedFolder;
import dev.oldbuffer.results.Baseline;
import dev.oldbuffer.results.BaselineComparison;
import dev.oldbuffer.results.AssertionResult;
import dev.oldbuffer.results.Outcome;
import dev.oldbuffer.results.RunResult;
import dev.oldbuffer.spi.Implementations;
import dev.oldbuffer.tck.TckConfig;
import dev.oldbuffer.tck.properties.PropertySettings;
import dev.oldbuffer.tck.run.Regression;
import dev.oldbuffer.tck.run.TckRunner;
import java.io.IOException;
import java.io.PrintStream;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the kit against one implementation in one or both profiles and prints a summary per profile. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Run the kit against an implementation.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ImplementationJars jars;

    @Option(names = {"-i", "--impl"}, defaultValue = "reference", paramLabel = "ID",
            description = "Implementation id (see 'list'); default: ${DEFAULT-VALUE}.")
    String implementation;

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE", description = "An option of the implementation (repeatable).")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = {"-p", "--profile"}, defaultValue = "documented", paramLabel = "PROFILE",
            description = "documented, cpython or all; default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--seed", paramLabel = "N",
            description = "The seed of the property-based specifications, to repeat a run; default: a new one per run,"
                    + " printed with the summary and stamped on the results.")
    String seed;

    @Option(names = "--tries", paramLabel = "N",
            description = "Tries per property-based specification; default: " + PropertySettings.DEFAULT_TRIES + ".")
    Integer tries;

    @Option(names = "--thorough", description = "Ten times the tries, for a release or a nightly run.")
    boolean thorough;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write DIR/<impl>-<profile>/ per profile: results.json, allure-results/ and junit/ (JUnit XML);"
                    + " each written whole or not at all.")
    Path out;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Hold the run to a baseline (repeatable, one per profile): print what moved, grouped, and exit 0"
                    + " when nothing did. Runs the baseline's profile, seed and tries unless --profile, --seed or --tries say"
                    + " otherwise.")
    List<Path> baselines = new ArrayList<>();

    @Option(names = "--allow-progress", description = "With --baseline: a new pass does not fail the run.")
    boolean allowProgress;

    @Option(names = "--write-baseline", paramLabel = "FILE",
            description = "Record the run as a baseline (one profile), written whole or not at all.")
    Path writeBaseline;

    private Map<Profile, Held> held = Map.of();
    private boolean moved;
    private Baseline recorded;

    @Override
    public Integer call() throws IOException {
        held = readBaselines();
        List<Profile> profiles = held.isEmpty() || explicitly("--profile") ? profiles() : new ArrayList<>(held.keySet());
        checkSeed();
        checkBaselines(held, profiles);
        Thread thread = Thread.currentThread();
        ClassLoader kit = thread.getContextClassLoader();
        ClassLoader loader = jars.loader();
        // The kit finds the implementation through the context class loader.
        thread.setContextClassLoader(loader);
        try {
            return run(profiles);
        } finally {
            thread.setContextClassLoader(kit);
            if (loader != kit && loader instanceof AutoCloseable c) {
                close(c);
            }
        }
    }

    /** A baseline given with --baseline, and the name it was given by. */
    private record Held(Baseline baseline, String name) {
    }

    /** Every --baseline, read and checked before anything runs; by profile. */
    private Map<Profile, Held> readBaselines() {
        Map<Profile, Held> held = new LinkedHashMap<>();
        for (Path file : baselines) {
            Baseline b = Baseline.read(file);
            Profile p = Profile.ofId(b.profile());
            if (held.put(p, new Held(b, file.toString())) != null) {
                throw new Main.UsageError("two baselines of profile " + p + " (" + held.get(p).name() + " and " + file
                        + "): give one per profile");
            }
        }
        return held;
    }

    private void checkBaselines(Map<Profile, Held> held, List<Profile> profiles) {
        held.forEach((p, h) -> {
            if (!profiles.contains(p)) {
                throw new Main.UsageError(h.name() + " is a baseline of profile " + p + ", the run checks "
                        + profiles.stream().map(Profile::id).collect(java.util.stream.Collectors.joining(" and "))
                        + ": give the baseline of the profile you run, or leave --profile out");
            }
            Regression.checkFits(h.baseline(), h.name(), p);
        });
        if (writeBaseline != null && profiles.size() != 1) {
            throw new Main.UsageError("--write-baseline records one profile; run each profile with a file of its own");
        }
        if (writeBaseline != null) {
            Path target = writeBaseline.toAbsolutePath().normalize();
            Path existing = target.getParent();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (Files.isDirectory(target) || existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
                throw new Main.UsageError("--write-baseline " + writeBaseline + " cannot be written"
                        + (Files.isDirectory(target) ? ": it is a folder" : "") + "; give the path of a file in a writable folder");
            }
        }
    }

    private boolean explicitly(String option) {
        return spec.commandLine().getParseResult() != null && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private int run(List<Profile> profiles) throws IOException {
        Implementations.find(implementation, Thread.currentThread().getContextClassLoader());
        Path outDir = out == null ? null : out.toAbsolutePath().normalize();
        if (outDir != null) {
            profiles.forEach(p -> StagedFolder.checkUsable(outDir.resolve(folderName(p)), RunResult.FILE_NAME));
        }
        PrintWriter stdout = spec.commandLine().getOut();
        List<RunResult> results = new ArrayList<>();
        List<ResultsOutput> outputs = new ArrayList<>();
        try {
            for (Profile p : profiles) {
                TckRunner runner = new TckRunner(new TckConfig(implementation, options, p));
                if (seed != null) {
                    runner.seed(seed);
                }
                if (tries != null) {
                    runner.parameter(PropertySettings.TRIES, tries.toString());
                }
                runner.parameter(PropertySettings.THOROUGH, Boolean.toString(thorough));
                Held baseline = held.get(p);
                if (baseline != null) {
                    Regression.repeat(runner, baseline.baseline(), seed != null, tries != null || thorough);
                }
                RunResult result;
                try (Progress progress = new Progress(implementation + " / " + p)) {
                    runner.progress(progress);
                    if (outDir == null) {
                        result = engineOutputToStderr(runner::run);
                    } else {
                        ResultsOutput output = new ResultsOutput(outDir.resolve(folderName(p)));
                        outputs.add(output);
                        result = engineOutputToStderr(() -> output.run(runner, spec.commandLine().getErr()));
                        if (baseline != null) {
                            output.keep(baseline.baseline());
                        }
                    }
                }
                results.add(result);
                printFailures(stdout, result);
                if (baseline != null) {
                    BaselineComparison comparison = Regression.compare(baseline.baseline(), result, runner);
                    stdout.print(comparison.report(baseline.name(), allowProgress));
                    moved |= comparison.moved(allowProgress);
                }
                if (writeBaseline != null) {
                    recorded = Regression.record(result, runner);
                }
            }
            // only once every profile has run, so that DIR never mixes this run with an earlier one
            for (ResultsOutput o : outputs) {
                o.commit();
            }
        } finally {
            for (ResultsOutput o : outputs) {
                o.close();
            }
        }
        if (recorded != null) {
            if (!results.get(0).complete()) {
                spec.commandLine().getErr().println("oldbuffer-tck: the run was cut short: no baseline written to " + writeBaseline);
                return Main.FAILURES;
            }
            stdout.println("baseline written: " + recorded.write(writeBaseline));
        }
        int verdict = summary(stdout, results, outDir);
        if (held.isEmpty()) {
            return verdict;
        }
        // held to baselines, the verdict is whether anything moved: known failures are expected
        return moved || !results.stream().allMatch(RunResult::complete) ? Main.FAILURES : Main.OK;
    }

    private int summary(PrintWriter stdout, List<RunResult> results, Path outDir) {
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        int notVerified = 0;
        stdout.println();
        stdout.println(results.get(0).runtime() + " (" + implementation + "), kit " + results.get(0).kitVersion());
        for (RunResult r : results) {
            stdout.println(r.summaryLine() + "  [" + r.durationMillis() + " ms" + (r.seed().isEmpty() ? "" : ", seed " + r.seed()) + "]");
            Map<Outcome, Integer> t = r.totals();
            passed += t.get(Outcome.PASSED);
            failed += t.get(Outcome.FAILED) + t.get(Outcome.CRASHED) + t.get(Outcome.TIMED_OUT);
            skipped += t.get(Outcome.NOT_APPLICABLE);
            notVerified += t.get(Outcome.NOT_VERIFIED);
        }
        for (RunResult r : results) {   // per run: a model (the reference) may answer after the profile
            if (!r.migration().isEmpty()) {
                stdout.println("migration notes (" + r.profile() + "): " + r.migration().size() + " places where a call the page "
                        + "recommends answers otherwise than the old one" + (outDir != null ? " (results.json, report)" : " (--out keeps them)"));
            }
        }
        if (outDir != null) {
            stdout.println("results written under " + outDir);
        }
        stdout.println(passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : "")
                + (notVerified > 0 ? ", " + notVerified + " not verified" : ""));
        boolean complete = results.stream().allMatch(RunResult::complete);
        return failed == 0 && complete ? Main.OK : Main.FAILURES;
    }

    /**
     * Runs with System.out pointed at stderr: standard output carries only the kit's own report, not what test
     * engines print while they run (jqwik 1.10 prints a line of its own on every run, without a line break).
     */
    static RunResult engineOutputToStderr(KitRun run) throws IOException {
        PrintStream out = System.out;
        System.setOut(System.err);
        try {
            return run.run();
        } finally {
            System.out.flush();
            System.setOut(out);
        }
    }

    interface KitRun {
        RunResult run() throws IOException;
    }

    private void checkSeed() {
        if (tries != null && tries < 1) {
            throw new Main.UsageError("--tries must be at least 1, got " + tries);
        }
        if (seed == null) {
            return;
        }
        try {
            Long.parseLong(seed);
        } catch (NumberFormatException e) {
            throw new Main.UsageError("--seed must be a whole number, got '" + seed + "'");
        }
    }

    private String folderName(Profile p) {
        return implementation + "-" + p.id();
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

    private static void printFailures(PrintWriter out, RunResult result) {
        for (AssertionResult a : result.assertions()) {
            if (a.outcome() != Outcome.PASSED) {
                String first = a.failure() != null ? a.failure().headline() : a.detail().lines().findFirst().orElse("");
                out.println("  " + a.outcome().label().toUpperCase() + " " + a.id() + " (" + result.profile() + ") " + first);
            }
        }
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // the jars were only read
        }
    }
}
