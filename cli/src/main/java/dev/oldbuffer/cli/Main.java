package dev.oldbuffer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code oldbuffer-tck run | list}: exit 0 when all applicable specifications pass, 1 when any fail, 2 on a usage error. */
@Command(name = "oldbuffer-tck", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Conformance test kit for CPython's old buffer API (PyObject_AsCharBuffer and friends).",
        subcommands = {RunCommand.class, ListCommand.class})
public final class Main implements Runnable {

    public static final int OK = 0;
    public static final int FAILURES = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line without exiting, for tests. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UsageError || e instanceof dev.oldbuffer.spi.ImplementationUnavailableException) {
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
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: run or list");
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
