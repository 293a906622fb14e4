package dev.oldbuffer.adapter.process;

import dev.oldbuffer.spi.ImplementationUnavailableException;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An interpreter that has loaded the driver and its probe and serves nothing: it forks a driver for each restart (the
 * driver's {@code serve_forks}). On PyPy a restart started afresh takes about 180 ms, most of it loading cpyext and the
 * probe; a fork takes about 12. Every child starts from the same heap, which has served no try.
 *
 * <p>A child's pipes are made by the server, and the kit opens their other ends through {@code /proc/<server>/fd/<n>}
 * (Java cannot receive descriptors); the server holds its own ends until the kit says it has opened them, so that none of
 * the opens waits for a peer, and then closes them, so that the kit's ends see the child's end of input as before. The
 * server is the children's parent: it reaps them and tells the kit how each ended, and it kills one when asked, while
 * its number cannot yet belong to another process.
 */
final class ForkServer implements AutoCloseable {

    private static final int STDERR_LINES = 20;

    private final Process process;
    private final OutputStream commands;
    private final LaunchConfig config;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    /** The reply to the fork in flight (forks are serialised by {@link #fork}), or null. */
    private volatile CompletableFuture<Child> forking;
    private final Map<Long, Child> children = new ConcurrentHashMap<>();
    private final StderrTail stderr;
    private volatile boolean ended;

    private ForkServer(LaunchConfig config, Process process) {
        this.config = config;
        this.process = process;
        this.commands = process.getOutputStream();
        this.stderr = new StderrTail(process.getErrorStream(), STDERR_LINES, "oldbuffer-fork-server-stderr-" + process.pid());
        StderrTail.daemon("oldbuffer-fork-server-" + process.pid(), this::readControl);
    }

    /**
     * Starts the server with a restart's environment and waits, at most {@link LaunchConfig#startup()}, until it is ready.
     *
     * @throws ImplementationUnavailableException when it cannot start or does not become ready; restarts are then
     *         started afresh, which report any problem of the interpreter themselves
     */
    static ForkServer start(LaunchConfig config, Map<String, String> restartEnvironment) {
        Map<String, String> env = new HashMap<>(restartEnvironment);
        env.put("OLDBUFFER_FORK_SERVER", "1");
        ProcessBuilder pb = DriverProcess.command(config, DriverFiles.install(config.cache()), null, null, env);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw DriverProcess.cannotStart(config, e);
        }
        ForkServer server = new ForkServer(config, process);
        try {
            DriverFiles.send(server.commands);
            server.commands.flush();
            server.ready.get(config.startup().toMillis(), TimeUnit.MILLISECONDS);
            return server;
        } catch (IOException | ExecutionException | TimeoutException e) {
            server.close();
            throw new ImplementationUnavailableException(config.python() + ": the fork server did not start"
                    + (e instanceof TimeoutException ? " within " + config.startupText() : "") + server.stderrText(), e);
        } catch (InterruptedException e) {
            server.close();
            Thread.currentThread().interrupt();
            throw new ImplementationUnavailableException(config.python() + ": interrupted while the fork server started", e);
        }
    }

    /**
     * Forks a driver, which then greets as a started one does; {@code progress} is its progress file.
     *
     * @throws IOException when the server has ended, does not answer within {@link LaunchConfig#startup()}, or the pipes
     *         cannot be opened
     */
    synchronized Process fork(Path progress) throws IOException {
        if (ended) {
            throw new IOException("the fork server has ended" + stderrText());
        }
        CompletableFuture<Child> reply = new CompletableFuture<>();
        forking = reply;
        command("fork " + progress);
        Child child;
        try {
            child = reply.get(config.startup().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new IOException("the fork server did not answer" + stderrText(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forking", e);
        } finally {
            forking = null;
        }
        try {
            child.open();
        } catch (IOException e) {
            child.destroy();
            throw e;
        } finally {
            command("opened " + child.pid);
        }
        return child;
    }

    /** Writes one line; a kill is written while a fork waits for its reply, so this lock is not the forks'. */
    private void command(String line) throws IOException {
        synchronized (commands) {
            commands.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            commands.flush();
        }
    }

    /** The server's lines: {@code ready}, {@code forked <pid> <fds>}, {@code exited <pid> <code>}. */
    private void readControl() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] words = line.split(" ");
                switch (words[0]) {
                    case "ready" -> ready.complete(null);
                    case "forked" -> {
                        Child child = new Child(Long.parseLong(words[1]),
                                List.of(words[2], words[3], words[4]));
                        children.put(child.pid, child);
                        CompletableFuture<Child> reply = forking;
                        if (reply != null) {
                            reply.complete(child);
                        }
                    }
                    case "exited" -> {
                        Child child = children.remove(Long.parseLong(words[1]));
                        if (child != null) {
                            child.exit.complete(Integer.parseInt(words[2]));
                        }
                    }
                    default -> throw new IOException("the fork server said '" + line + "'");
                }
            }
        } catch (IOException | RuntimeException e) {
            // a server that breaks its protocol is as good as gone
        }
        end();
    }

    /**
     * The server is gone: nobody can tell any more how its children end, so the ones left are killed now (a child of a
     * server that died serves on, but its crash could not be reported), and said to have ended by SIGKILL.
     */
    private void end() {
        ended = true;
        process.destroyForcibly();
        ready.completeExceptionally(new IOException("the fork server ended"));
        CompletableFuture<Child> reply = forking;
        if (reply != null) {
            reply.completeExceptionally(new IOException("the fork server ended"));
        }
        for (Child child : children.values()) {
            ProcessHandle.of(child.pid).ifPresent(ProcessHandle::destroyForcibly);
            child.exit.complete(128 + 9);
        }
        children.clear();
    }

    long pid() {
        return process.pid();
    }

    /** Ends the server; its children are killed (each driver is closed before, so there are none). */
    @Override
    public void close() {
        DriverProcess.endInput(commands, process);   // the server kills what is left, and exits
    }

    private String stderrText() {
        String text = stderr.text();
        return text.isEmpty() ? "" : "\n--- fork server stderr (last lines) ---\n" + text;
    }

    /** A forked driver, as a {@link Process}: its pipes, its end as its parent tells it, and a kill through its parent. */
    final class Child extends Process {
        private final long pid;
        private final List<String> fds;   // the server's ends: requests, answers, stderr
        private OutputStream stdin;
        private InputStream stdout;
        private InputStream stderr;
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();

        private Child(long pid, List<String> fds) {
            this.pid = pid;
            this.fds = fds;
        }

        private void open() throws IOException {
            Path fdDir = Path.of("/proc", Long.toString(process.pid()), "fd");
            stdin = new FileOutputStream(fdDir.resolve(fds.get(0)).toFile());
            stdout = new FileInputStream(fdDir.resolve(fds.get(1)).toFile());
            stderr = new FileInputStream(fdDir.resolve(fds.get(2)).toFile());
        }

        @Override
        public OutputStream getOutputStream() {
            return stdin;
        }

        @Override
        public InputStream getInputStream() {
            return stdout;
        }

        @Override
        public InputStream getErrorStream() {
            return stderr;
        }

        @Override
        public int waitFor() throws InterruptedException {
            try {
                return exit.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);   // never completed exceptionally
            }
        }

        @Override
        public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
            try {
                exit.get(timeout, unit);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public int exitValue() {
            if (!exit.isDone()) {
                throw new IllegalThreadStateException("process " + pid + " has not exited");
            }
            return exit.join();
        }

        @Override
        public boolean isAlive() {
            return !exit.isDone();
        }

        @Override
        public long pid() {
            return pid;
        }

        /** Leaves the pipes open, as {@code ProcessHandle.destroyForcibly()} does: the drain still gets the last words. */
        @Override
        public void destroy() {
            if (!exit.isDone() && !ended) {
                try {
                    command("kill " + pid);
                } catch (IOException e) {
                    // the server is gone, and end() has killed its children
                }
            }
        }

        @Override
        public Process destroyForcibly() {
            destroy();
            return this;
        }

        @Override
        public CompletableFuture<Process> onExit() {
            return exit.thenApply(code -> this);
        }

        @Override
        public String toString() {
            return "forked driver " + pid;
        }
    }
}
