package dev.oldbuffer.cli;

import static org.apiguardian.api.API.Status.STABLE;

import dev.oldbuffer.reports.ReportException;
import dev.oldbuffer.results.BaselineException;
import dev.oldbuffer.spi.ImplementationUnavailableException;
import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apiguardian.api.API;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code oldbuffer-tck run | list | report | bench}. Exit codes: 0 when every applicable specification passed (or the
 * report was written), 1 when any failed (or the report generator failed), 2 on a usage error, which is reported
 * in one line that says what to do.
 */
@Command(name = "oldbuffer-tck", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Conformance test kit for CPython's old buffer API (PyObject_AsCharBuffer and friends).",
        subcommands = {RunCommand.class, ListCommand.class, ReportCommand.class, BenchCommand.class})
@API(status = STABLE, since = "0.1")
public final class Main implements Runnable {

    public static final int OK = 0;
    public static final int FAILURES = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Kept so that the level set on it stays in force (java.util.logging holds loggers weakly). */
    private static final Logger JQWIK_LOG = Logger.getLogger("net.jqwik");

    public static void main(String[] args) {
        quietLibraries();
        System.exit(execute(args));
    }

    /** Standard error is for progress and problems: the libraries' informational logging would drown them. */
    private static void quietLibraries() {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        JQWIK_LOG.setLevel(Level.WARNING);
    }

    /** Runs the command line without exiting. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line without exiting, writing to the given streams (for tests and embedding). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main()).setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UsageError || e instanceof ImplementationUnavailableException || e instanceof ReportException
                    || e instanceof BaselineException) {
                cmd.getErr().println("oldbuffer-tck: " + e.getMessage());
                return USAGE;
            }
            throw e;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("oldbuffer-tck: " + e.getMessage() + " (see --help)");
            return USAGE;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: run, list, report or bench");
    }

    /** A bad option value or folder: reported in one line, exit 2. */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"oldbuffer-tck " + dev.oldbuffer.tck.run.KitVersion.get()
                    + ", catalogue " + dev.oldbuffer.catalogue.Catalogue.bundled().version()};
        }
    }
}
