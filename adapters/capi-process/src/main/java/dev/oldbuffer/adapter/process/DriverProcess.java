package dev.oldbuffer.adapter.process;

import dev.oldbuffer.spi.ImplementationUnavailableException;
import dev.oldbuffer.spi.RuntimeFailure;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One interpreter child process running the driver: exchanges frames, and turns a death or a silence
 * into a {@link RuntimeFailure}. A watchdog thread kills the child when a request outlives the timeout;
 * a drain thread keeps the last lines of its stderr (faulthandler's report of a crash lands there).
 */
final class DriverProcess implements AutoCloseable {

    /** Python 3.9+ check in syntax any Python parses, then the driver's main. */
    private static final String BOOTSTRAP = """
            import sys
            if sys.version_info < (3, 9):
                sys.stderr.write('oldbuffer-tck needs Python 3.9 or later, found %s\\n' % sys.version.split()[0])
                sys.exit(3)
            sys.path.insert(0, sys.argv[1])
            import oldbuffer_driver
            oldbuffer_driver.main(sys.argv[1:])
            """;
    private static final int EXIT_TOO_OLD = 3;
    private static final int STDERR_LINES = 40;

    private final LaunchConfig config;
    private final Process process;
    private final DataInputStream in;
    private final OutputStream out;
    private final Path progressFile;
    private final ArrayDeque<String> stderrTail = new ArrayDeque<>();
    private final Thread stderrDrain;
    private final Thread watchdog;
    private byte[] buffer = new byte[1 << 16];

    /** System.nanoTime() by which the current request must be answered; 0 when idle. */
    private volatile long deadline;
    private volatile boolean timedOut;
    private volatile boolean closed;
    private boolean dead;

    private DriverProcess(LaunchConfig config, Process process, Path progressFile) {
        this.config = config;
        this.process = process;
        this.progressFile = progressFile;
        this.in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        this.out = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        this.stderrDrain = daemon("oldbuffer-stderr-" + process.pid(), this::drainStderr);
        this.watchdog = daemon("oldbuffer-watchdog-" + process.pid(), this::watch);
    }

    /**
     * Starts the interpreter and reads the driver's greeting: key/value facts (name, version, features...).
     *
     * @throws ImplementationUnavailableException when the interpreter is missing, too old, or cannot build the probe
     */
    static DriverProcess start(LaunchConfig config, Map<String, String> greeting) {
        Path driverDir = DriverFiles.install(config.cache());
        Path progress;
        try {
            progress = Files.createTempFile("oldbuffer-progress-", ".bin");
            Files.write(progress, new byte[8]);
        } catch (IOException e) {
            throw new ImplementationUnavailableException("cannot create a temporary file: " + e.getMessage(), e);
        }
        ProcessBuilder pb = new ProcessBuilder(config.python(), "-s", "-c", BOOTSTRAP, driverDir.toString(),
                config.cache().toString(), config.probe(), progress.toString());
        // Bytecode goes to our cache instead of the interpreter's tree, and is written even where the
        // environment says not to: without it every start recompiles the imports (300 ms on 3.14).
        pb.environment().remove("PYTHONDONTWRITEBYTECODE");
        pb.environment().put("PYTHONPYCACHEPREFIX", config.cache().resolve("pycache").toString());
        if (config.pythonHome() != null) {
            Path home = config.pythonHome();
            pb.environment().put("PYTHONHOME", home.toString());
            String ld = pb.environment().get("LD_LIBRARY_PATH");
            pb.environment().put("LD_LIBRARY_PATH", home + ":" + home.resolve("lib")
                    + (ld == null || ld.isEmpty() ? "" : ":" + ld));
        }
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            deleteQuietly(progress);
            throw new ImplementationUnavailableException("Python interpreter '" + config.python() + "' cannot be started ("
                    + e.getMessage() + "): install it (e.g. apt-get install python3, or pypy3 pypy3-dev) or pass "
                    + "the option python=/path/to/interpreter", e);
        }
        DriverProcess driver = new DriverProcess(config, process, progress);
        // Building the probe may take a few seconds the first time.
        long startupNanos = Math.max(config.timeout().toNanos(), TimeUnit.SECONDS.toNanos(120));
        try {
            Protocol.Response hello = driver.receive(startupNanos, () -> "start-up");
            if (hello.status == Protocol.UNAVAILABLE) {
                String why = hello.text();
                driver.close();
                throw new ImplementationUnavailableException(config.python() + ": " + why);
            }
            if (hello.status != Protocol.OK) {
                driver.close();
                throw new ImplementationUnavailableException(config.python() + ": driver failed to start: " + hello.text());
            }
            for (int n = hello.in.getInt(); n > 0; n--) {
                greeting.put(hello.text(), hello.text());
            }
            return driver;
        } catch (RuntimeFailure e) {
            Integer code = driver.exitCode();
            String stderr = driver.stderrText();
            driver.close();
            if (code != null && code == EXIT_TOO_OLD) {
                throw new ImplementationUnavailableException(config.python() + ": " + lastLine(stderr)
                        + " (pass the option python=/path/to/python3.9+)");
            }
            throw new ImplementationUnavailableException(config.python() + " could not start the driver: "
                    + e.getMessage(), e);
        }
    }

    /** Sends one request and waits for its response; {@code what} names it in a failure message. */
    Protocol.Response exchange(Protocol.Request request, Supplier<String> what) {
        if (dead) {
            throw new IllegalStateException("the interpreter has died; restart it");
        }
        try {
            out.write(request.frame(), 0, request.size());
            out.flush();
        } catch (IOException e) {
            // the child is gone; receive() reports why
        }
        return receive(config.timeout().toNanos(), what);
    }

    private Protocol.Response receive(long timeoutNanos, Supplier<String> what) {
        timedOut = false;
        deadline = System.nanoTime() + timeoutNanos;
        try {
            int length = in.readInt();
            if (length > buffer.length) {
                buffer = new byte[Math.max(length, buffer.length * 2)];
            }
            in.readFully(buffer, 0, length);
            deadline = 0;
            ByteBuffer bb = ByteBuffer.wrap(buffer, 1, length - 1);
            return new Protocol.Response(buffer[0] & 0xff, bb);
        } catch (IOException e) {
            deadline = 0;
            throw failure(what.get());
        }
    }

    /** Builds the failure after the child stopped answering, and makes sure it is gone. */
    private RuntimeFailure failure(String what) {
        dead = true;
        boolean hung = timedOut;
        if (!hung) {
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        kill();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            stderrDrain.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String stderr = stderrText();
        String tail = stderr.isEmpty() ? "" : "\n--- interpreter stderr (last lines) ---\n" + stderr;
        if (hung) {
            return new RuntimeFailure(RuntimeFailure.Kind.TIMED_OUT,
                    "timed out after " + config.timeoutText() + " during " + what + "; the interpreter was killed" + tail);
        }
        Integer code = exitCode();
        String how = code == null ? "did not exit"
                : code > 128 ? "signal " + (code - 128) + Signals.describe(code - 128)
                : "exited with code " + code;
        return new RuntimeFailure(RuntimeFailure.Kind.CRASHED, "implementation crashed: " + how + " during " + what + tail);
    }

    /** The index last written by a batch (which call was running when the child died). */
    int batchProgress() {
        try {
            return ByteBuffer.wrap(Files.readAllBytes(progressFile)).getInt();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    boolean dead() {
        return dead;
    }

    private Integer exitCode() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? process.exitValue() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private String stderrText() {
        synchronized (stderrTail) {
            return String.join("\n", stderrTail);
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    private void drainStderr() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                synchronized (stderrTail) {
                    stderrTail.addLast(line);
                    if (stderrTail.size() > STDERR_LINES) {
                        stderrTail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the stream closes when the child dies
        }
    }

    private void watch() {
        while (!closed && process.isAlive()) {
            long d = deadline;
            if (d != 0 && System.nanoTime() - d > 0) {
                timedOut = true;
                kill();
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** SIGKILL through the process handle: unlike Process.destroyForcibly() it leaves the pipes open, so the
     * drain thread still gets the last words on stderr. */
    private void kill() {
        process.toHandle().destroyForcibly();
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Closes stdin (the driver exits on end of input), then makes sure the child is gone. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        dead = true;
        try {
            out.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        watchdog.interrupt();
        deleteQuietly(progressFile);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temporary file
        }
    }

    /** Names of the usual fatal signals on Linux. */
    static final class Signals {
        private static final String[] NAMES = {"", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
            "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM"};

        private Signals() {
        }

        /** {@code " (SIGSEGV)"} for 11; empty for an unnamed signal. */
        static String describe(int signal) {
            return signal > 0 && signal < NAMES.length ? " (" + NAMES[signal] + ")" : "";
        }
    }
}
