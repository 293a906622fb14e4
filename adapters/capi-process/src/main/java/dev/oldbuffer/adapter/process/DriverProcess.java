package dev.oldbuffer.adapter.process;

import dev.oldbuffer.spi.ImplementationUnavailableException;
import dev.oldbuffer.spi.RuntimeFailure;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One interpreter child process running the driver: exchanges frames, and turns a death or a silence
 * into a {@link RuntimeFailure}.
 *
 * <p>Every wait for the child is bounded. Each request (its write included: a child that stops reading fills
 * the pipe) and the start-up arm a deadline; a watchdog thread kills the child when the deadline passes, which
 * ends the wait with end-of-stream (the driver is the only holder of its stdout, a descriptor its own children
 * do not inherit), and the failure is TIMED_OUT. The deadline is claimed exactly once, either by the answer or
 * by the watchdog, so an answer that races the kill is never taken for a crash of the next request. A drain
 * thread keeps the last lines of stderr (faulthandler's report of a crash lands there).
 *
 * <p>Requests are numbered and the driver echoes the number, and bytes that arrive while no request is
 * waiting are refused: a desynchronised stream kills the child with a {@link ProtocolError} instead of pairing
 * a request with another one's answer. Exchanges are serialised, so an instance shared between threads still
 * keeps one request in flight at a time - or, with {@link #post}, a row of requests whose answers are known in advance
 * and read in order before the next one's.
 */
final class DriverProcess implements AutoCloseable {

    /**
     * Python 3.9+ check in syntax any Python parses; then the driver's files, which the kit sends first on standard input
     * ({@link DriverFiles#send}), written into a folder of the interpreter's own when it cannot see the cache (a
     * WebAssembly interpreter sees only its own file system); then the driver's main.
     */
    private static final String BOOTSTRAP = """
            import sys
            if sys.version_info < (3, 9):
                sys.stderr.write('oldbuffer-tck needs Python 3.9 or later, found %s\\n' % sys.version.split()[0])
                sys.exit(3)
            import os, struct
            def exactly(n):
                data = b''
                while len(data) < n:
                    chunk = os.read(0, n - len(data))
                    if not chunk:
                        sys.exit(4)
                    data += chunk
                return data
            files = exactly(struct.unpack('>I', exactly(4))[0])
            if not os.path.isfile(os.path.join(sys.argv[1], 'oldbuffer_driver.py')):
                import tempfile
                sys.argv[1] = tempfile.mkdtemp(prefix='oldbuffer-driver-')
                at, (count,) = 4, struct.unpack_from('>I', files)
                for _ in range(count):
                    name_size, = struct.unpack_from('>I', files, at)
                    name = files[at + 4:at + 4 + name_size].decode()
                    size, = struct.unpack_from('>I', files, at + 4 + name_size)
                    at += 8 + name_size
                    with open(os.path.join(sys.argv[1], name), 'wb') as f:
                        f.write(files[at:at + size])
                    at += size
            del files
            sys.path.insert(0, sys.argv[1])
            import oldbuffer_driver
            oldbuffer_driver.main(sys.argv[1:])
            """;
    private static final int EXIT_TOO_OLD = 3;
    /** The greeting's word on how the driver waits for requests: on a CPU (the C probe on CPython and PyPy) or asleep. */
    static final String WAITS = "waits";
    private static final String SPINNING = "spinning";
    /** The greeting's word on how requests and answers travel after it: {@code shared memory} (see SharedRings) or {@code pipe}. */
    static final String TRANSPORT = "transport";
    static final String SHARED_MEMORY = "shared memory";
    /** The greeting's word on who answers requests: {@code in Python}, or on CPython's rings mostly the C probe (ring_serve). */
    static final String ANSWERS = "answers";
    /** The greeting's word on whether restarts may be forked from a {@link ForkServer}: {@code yes} (on PyPy) or {@code no}. */
    static final String FORKS = "forks";
    private static final int STDERR_LINES = 40;
    /** A response larger than this is a corrupted length prefix, not data. */
    static final int MAX_FRAME = 1 << 30;

    private final Process process;
    /** The driver's answers and requests: its stdout and stdin, or the shared rings once it said it maps them. */
    private DataInputStream in;
    private OutputStream out;
    /** While answers are replayed ({@link AnswerTape}), the driver's own requests stream, whose close ends it; else null. */
    private OutputStream requestsSetAside;
    private final Path progressFile;
    /** {@link LaunchConfig#spin}, or 0 once the driver has said that it cannot wait for requests that way. */
    private long spinNanos;
    /** How many of the recent waits for an answer ended within the spin time, in {@link #HITS_SCALE}ths. */
    private int hits = HITS_SCALE;
    private static final int HITS_SCALE = 256;
    /**
     * How many of the recent spins found the CPU taken, in {@link #HITS_SCALE}ths (a moving average over about four), and
     * how many more waits sleep at once because most did (see {@link #awaitAnswer}).
     */
    private int crowded;
    private int paused;
    /**
     * How many waits the next pause lasts, as the driver's {@code await_pause_next}: {@link #PAUSE_MIN}, doubled by each
     * pause up to {@link #PAUSE_MAX}, and back to the least after {@link #CALM} spins in a row that found a core. This
     * JVM's own threads (its compiler, its collector) now and then make a yield slow on a quiet machine, where a pause
     * of 4,096 waits every time cost a CPython run thousands of sleeps; where other processes hold every core, the
     * pauses grow back to 4,096 within five of them.
     */
    private int pauseNext = PAUSE_MIN;
    private int calm;
    private static final int PAUSE_MIN = 256;
    private static final int PAUSE_MAX = 4096;
    private static final int CALM = 64;
    private final StderrTail stderr;
    private final Thread watchdog;

    /** The wait in progress, {@link #FIRED} once the watchdog has killed the child for it, null when idle. */
    private final AtomicReference<Deadline> armed = new AtomicReference<>();
    private static final Deadline FIRED = new Deadline(0, "");
    private volatile boolean closed;
    private volatile boolean dead;
    /** Waits for an answer, by every driver of this JVM: what {@link ProcessRuntime#roundTrips()} reports. */
    static final AtomicLong ROUND_TRIPS = new AtomicLong();
    /** Requests sent without waiting, oldest first; at most {@link #MAX_POSTED}. */
    private final ArrayDeque<Posted> posted = new ArrayDeque<>();
    static final int MAX_POSTED = 64;
    /** Number of the last request; the driver's greeting is number 0. */
    private int sequence;

    /** By when ({@link System#nanoTime()}) the current wait must end, and its limit for messages. */
    private record Deadline(long due, String limit) {
        static Deadline in(Duration d, String limit) {
            return new Deadline(System.nanoTime() + d.toNanos(), limit);
        }
    }

    private DriverProcess(LaunchConfig config, Process process, Path progressFile) {
        this.process = process;
        this.progressFile = progressFile;
        this.spinNanos = config.spin().toNanos();
        this.in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        this.out = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        this.stderr = new StderrTail(process.getErrorStream(), STDERR_LINES, "oldbuffer-stderr-" + process.pid());
        this.watchdog = StderrTail.daemon("oldbuffer-watchdog-" + process.pid(), this::watch);
    }

    /**
     * Starts the interpreter and reads the driver's greeting: key/value facts (name, version, features...).
     * The greeting must come within {@link LaunchConfig#startup()} (it includes building the probe on first use).
     *
     * @throws ImplementationUnavailableException when the interpreter is missing, too old, cannot build the probe,
     *         or does not greet in time
     */
    static DriverProcess start(LaunchConfig config, Map<String, String> greeting) {
        return start(config, greeting, Map.of());
    }

    /** {@link #start(LaunchConfig, Map)} with more of the interpreter's environment: a restart's known probe. */
    static DriverProcess start(LaunchConfig config, Map<String, String> greeting, Map<String, String> environment) {
        return start(config, greeting, environment, process -> { });
    }

    /** {@link #start(LaunchConfig, Map, Map)}, handing the child to {@code spawned} as soon as it runs (to end a spare early). */
    static DriverProcess start(LaunchConfig config, Map<String, String> greeting, Map<String, String> environment,
            Consumer<Process> spawned) {
        Path driverDir = DriverFiles.install(config.cache());
        Path progress = progressFile();
        SharedRings rings = null;
        if (!config.spin().isZero()) {   // only a driver that waits on a CPU trades through them
            try {
                rings = SharedRings.create();
            } catch (IOException e) {
                // the pipes, then
            }
        }
        ProcessBuilder pb = command(config, driverDir, progress, rings, environment);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            deleteQuietly(progress);
            if (rings != null) {
                deleteQuietly(rings.file());
            }
            throw cannotStart(config, e);
        }
        spawned.accept(process);
        return greet(config, process, progress, rings, greeting, true);
    }

    /**
     * A restart forked by {@code server} from an interpreter that has loaded the driver: it greets as a started one does,
     * without being sent the driver's files, and trades through the pipes (a fork server's runtime has no rings).
     *
     * @throws ImplementationUnavailableException when the server cannot fork, or the child does not greet in time
     */
    static DriverProcess forked(LaunchConfig config, ForkServer server, Map<String, String> greeting, Consumer<Process> spawned) {
        Path progress = progressFile();
        Process process;
        try {
            process = server.fork(progress);
        } catch (IOException e) {
            deleteQuietly(progress);
            throw new ImplementationUnavailableException(config.python() + ": the fork server cannot fork: " + e.getMessage(), e);
        }
        spawned.accept(process);
        return greet(config, process, progress, null, greeting, false);
    }

    /** The file in which a batch notes the call it is at, so that a crash can name it. */
    private static Path progressFile() {
        try {
            Path progress = Files.createTempFile("oldbuffer-progress-", ".bin");
            Files.write(progress, new byte[8]);
            return progress;
        } catch (IOException e) {
            throw new ImplementationUnavailableException("cannot create a temporary file: " + e.getMessage(), e);
        }
    }

    /**
     * The interpreter's command line and environment, running {@link #BOOTSTRAP} on the driver installed in {@code driverDir};
     * {@code progress} and {@code rings} may be null.
     */
    static ProcessBuilder command(LaunchConfig config, Path driverDir, Path progress, SharedRings rings,
            Map<String, String> environment) {
        ProcessBuilder pb = new ProcessBuilder(config.python(), "-s", "-c", BOOTSTRAP, driverDir.toString(),
                config.cache().toString(), config.probe(), progress == null ? "" : progress.toString(), config.abi(),
                Long.toString(config.spin().toNanos()), rings == null ? "" : rings.file().toString());
        // Bytecode goes to our cache instead of the interpreter's tree, and is written even where the
        // environment says not to: without it every start recompiles the imports (300 ms on 3.14).
        pb.environment().putAll(environment);
        pb.environment().remove("PYTHONDONTWRITEBYTECODE");
        pb.environment().put("PYTHONPYCACHEPREFIX", config.cache().resolve("pycache").toString());
        if (config.pythonHome() != null) {
            Path home = config.pythonHome();
            pb.environment().put("PYTHONHOME", home.toString());
            String ld = pb.environment().get("LD_LIBRARY_PATH");
            pb.environment().put("LD_LIBRARY_PATH", home + ":" + home.resolve("lib")
                    + (ld == null || ld.isEmpty() ? "" : ":" + ld));
        }
        return pb;
    }

    static ImplementationUnavailableException cannotStart(LaunchConfig config, IOException e) {
        return new ImplementationUnavailableException("Python interpreter '" + config.python() + "' cannot be started ("
                + e.getMessage() + "): install it (e.g. apt-get install python3, or pypy3 pypy3-dev) or pass "
                + "the option python=/path/to/interpreter", e);
    }

    /** Sends the driver's files when {@code sendFiles} (a started interpreter), and reads the greeting into {@code greeting}. */
    private static DriverProcess greet(LaunchConfig config, Process process, Path progress, SharedRings rings,
            Map<String, String> greeting, boolean sendFiles) {
        DriverProcess driver = new DriverProcess(config, process, progress);
        try {
            Protocol.Response hello;
            synchronized (driver) {
                Deadline startup = Deadline.in(config.startup(), config.startupText());
                driver.armed.set(startup);   // the watchdog guards the write too: a child may never read
                try {
                    if (sendFiles) {
                        DriverFiles.send(driver.out);
                        driver.out.flush();
                    }
                } catch (IOException e) {
                    // the child is gone: receiving the greeting reports how (its exit code and stderr)
                }
                try {
                    hello = driver.receive(0, startup, () -> "start-up");
                } finally {
                    if (rings != null) {
                        deleteQuietly(rings.file());   // mapped by both by now, or never to be
                    }
                }
            }
            if (hello.status == Wire.Status.UNAVAILABLE.code) {
                String why = hello.text();
                driver.close();
                throw new ImplementationUnavailableException(config.python() + ": " + why);
            }
            if (hello.status != Wire.Status.OK.code) {
                driver.close();
                throw new ImplementationUnavailableException(config.python() + ": driver failed to start: " + hello.text());
            }
            for (int n = hello.in.getInt(); n > 0; n--) {
                greeting.put(hello.text(), hello.text());
            }
            if (!SPINNING.equals(greeting.get(WAITS))) {   // it would be woken for every request anyway
                driver.spinNanos = 0;
            }
            if (rings != null && SHARED_MEMORY.equals(greeting.get(TRANSPORT))) {
                rings.attach(process.getInputStream(), process.getOutputStream());
                driver.in = new DataInputStream(new BufferedInputStream(rings.answers(), 1 << 16));
                driver.out = new BufferedOutputStream(rings.requests(), 1 << 16);
            }
            return driver;
        } catch (RuntimeFailure | ProtocolError e) {
            Integer code = driver.exitCode();
            String stderr = driver.stderr.text();
            driver.close();
            if (code != null && code == EXIT_TOO_OLD) {
                throw new ImplementationUnavailableException(config.python() + ": " + lastLine(stderr)
                        + " (pass the option python=/path/to/python3.9+)");
            }
            throw new ImplementationUnavailableException(config.python() + " could not start the driver: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Sends one request and waits for its response, at most {@code limit} (the write included); {@code what} names it in
     * a failure message. The response is read into a buffer of its own.
     *
     * @throws RuntimeFailure when the child dies or does not answer in time; it is dead afterwards
     * @throws ProtocolError  when the stream is out of step; the child is killed and dead afterwards
     */
    synchronized Protocol.Response exchange(Protocol.Request request, Supplier<String> what, Duration limit, String limitText) {
        if (dead) {
            throw new IllegalStateException("the interpreter has died; restart it");
        }
        int stray = posted.isEmpty() ? pending() : 0;
        if (stray > 0) {
            throw protocolError(stray + " bytes arrived while no request was waiting", what);
        }
        int number = ++sequence;
        ROUND_TRIPS.incrementAndGet();
        Deadline deadline = Deadline.in(limit, limitText);
        armed.set(deadline);   // from here on the watchdog guards the write too
        try {
            out.write(request.frame(number), 0, request.size());
            out.flush();
        } catch (IOException e) {
            // the child is gone (or was killed by the watchdog): receive() reports the end of its stdout
        }
        if (posted.isEmpty()) {
            return receive(number, deadline, what);
        }
        if (!disarm(deadline)) {   // the child stopped reading: the watchdog killed it during the write
            posted.clear();
            throw failure(what.get(), deadline.limit());
        }
        RuntimeException refused = collectPosted();
        Deadline own = Deadline.in(limit, limitText);
        armed.set(own);
        Protocol.Response response = receive(number, own, what);
        if (refused != null) {
            throw refused;
        }
        return response;
    }

    /**
     * Sends a request without waiting for its answer, which the next {@link #exchange} or {@link #settle} reads first and
     * hands to {@code answer}: what it returns (a refusal) that exchange throws in place of its own answer. A crash or hang
     * while the driver does it is reported as that request's, within its own {@code limit}. The frame waits in the output
     * buffer for the next exchange, so that a try's requests cross the pipe in one write.
     */
    synchronized void post(Protocol.Request request, Supplier<String> what, Duration limit, String limitText,
                           Function<Protocol.Response, RuntimeException> answer) {
        if (dead) {
            throw new IllegalStateException("the interpreter has died; restart it");
        }
        if (posted.size() >= MAX_POSTED) {   // their answers would fill the driver's stdout, and it would stop reading
            settle();
        }
        int number = ++sequence;
        Deadline deadline = Deadline.in(limit, limitText);
        armed.set(deadline);   // a full output buffer writes, and a child that stops reading would block it
        try {
            out.write(request.frame(number), 0, request.size());
        } catch (IOException e) {
            // the child is gone: reading the answer reports it
        }
        if (!disarm(deadline)) {
            throw failure(what.get(), deadline.limit());
        }
        posted.add(new Posted(number, what, limit, limitText, answer));
    }

    /** Reads the answers of every posted request: nothing is in flight afterwards. */
    synchronized void settle() {
        if (posted.isEmpty()) {
            return;
        }
        ROUND_TRIPS.incrementAndGet();
        try {
            out.flush();
        } catch (IOException e) {
            // the child is gone: reading the answers reports it
        }
        RuntimeException refused = collectPosted();
        if (refused != null) {
            throw refused;
        }
    }

    /** Reads the posted requests' answers in order; the first refusal among them, or null. */
    private RuntimeException collectPosted() {
        RuntimeException first = null;
        while (!posted.isEmpty()) {
            Posted p = posted.peek();
            Deadline d = Deadline.in(p.limit(), p.limitText());
            armed.set(d);
            Protocol.Response r;
            try {
                r = receive(p.number(), d, p.what());
            } finally {
                posted.poll();
                if (dead) {
                    posted.clear();
                }
            }
            RuntimeException refused = p.answer().apply(r);
            first = first == null ? refused : first;
        }
        return first;
    }

    /** A request sent without waiting, and what to do with its answer. */
    private record Posted(int number, Supplier<String> what, Duration limit, String limitText,
                          Function<Protocol.Response, RuntimeException> answer) {
    }

    /** Bytes waiting on the child's stdout; -1 when the stream is closed (the child died). */
    private int pending() {
        if (requestsSetAside != null) {   // a recording holds only answers that were awaited
            return 0;
        }
        try {
            return in.available();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Reads the response to request {@code number}, within {@code deadline} (enforced by the watchdog). */
    private Protocol.Response receive(int number, Deadline deadline, Supplier<String> what) {
        int length;
        int echoed;
        byte[] body;
        try {
            long waitStart = awaitAnswer();
            length = in.readInt();
            learn(waitStart);
            echoed = in.readInt();
            if (length < 1 || length > MAX_FRAME) {
                disarm(deadline);
                throw protocolError("a response claims " + (length & 0xffffffffL) + " bytes", what);
            }
            body = new byte[length];
            in.readFully(body);
        } catch (IOException e) {
            boolean fired = armed.getAndSet(null) == FIRED;
            if (closed) {
                throw new IllegalStateException("the runtime was closed during " + what.get());
            }
            throw failure(what.get(), fired ? deadline.limit() : null);
        }
        if (!disarm(deadline)) {   // the watchdog killed the child as the answer came: the limit was reached
            throw failure(what.get(), deadline.limit());
        }
        if (echoed != number) {
            throw protocolError("the response is numbered " + echoed + ", the request " + number, what);
        }
        return new Protocol.Response(body[0] & 0xff, ByteBuffer.wrap(body, 1, body.length - 1));
    }

    /**
     * Before a read that would sleep: while most recent answers came within {@link LaunchConfig#spin} of the wait's start,
     * waits on the CPU for up to that long first (yielding it to whatever else wants it), so that the read does not
     * sleep and this thread need not be woken, which on a virtual machine takes longer than the interpreter takes to
     * answer most requests. Where answers come slower, spinning would only take a core from the interpreter, and the
     * wait sleeps at once; where the driver sleeps (ctypes, as on Pyodide; GraalPy), so does the kit. The driver waits
     * for requests the same way. A yield that took longer than the whole spin means other processes hold every core:
     * spinning then only queues both sides behind them, where a woken sleeper gets the core sooner, so the next
     * waits sleep at once (a pause: see {@link #pauseNext}).
     *
     * @return when the wait began ({@link System#nanoTime()}), for {@link #learn}; 0 when the answer was there already
     */
    private long awaitAnswer() throws IOException {
        if (spinNanos == 0 || in.available() > 0) {
            return 0;
        }
        long start = System.nanoTime();
        if (paused > 0) {
            paused--;
        } else if (hits >= HITS_SCALE / 2) {
            long spun = 0;
            boolean crowded;
            do {
                Thread.yield();
                long before = spun;
                spun = System.nanoTime() - start;
                crowded = spun - before > spinNanos;
            } while (!crowded && in.available() == 0 && spun < spinNanos);
            this.crowded += ((crowded ? HITS_SCALE : 0) - this.crowded) / 4;
            calm = crowded ? 0 : calm + 1;
            if (calm >= CALM) {
                pauseNext = PAUSE_MIN;
            }
            if (this.crowded >= HITS_SCALE / 2) {
                this.crowded = 0;
                paused = pauseNext;
                pauseNext = Math.min(2 * pauseNext, PAUSE_MAX);
            }
        }
        return start;
    }

    /** Counts the answer just read in the moving share of waits that ended within the spin time. */
    private void learn(long waitStart) {
        if (waitStart != 0) {
            hits += ((System.nanoTime() - waitStart <= spinNanos ? HITS_SCALE : 0) - hits) / 16;
        }
    }

    /** From now on, copies every byte of the driver's answers to {@code copy} as well (see {@link AnswerTape}). */
    synchronized void recordAnswers(OutputStream copy) {
        in = new DataInputStream(AnswerTape.copying(in, copy));
    }

    /**
     * From now on, reads the driver's answers from {@code recorded} and sends its requests nowhere (see {@link AnswerTape}).
     * At the recording's end the driver is killed, where the recorded one died.
     */
    synchronized void replayAnswers(InputStream recorded) {
        requestsSetAside = out;
        out = OutputStream.nullOutputStream();
        spinNanos = 0;   // nothing to wait for
        in = new DataInputStream(new BufferedInputStream(new InputStream() {
            @Override
            public int read() throws IOException {
                return killedAtEnd(recorded.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return killedAtEnd(recorded.read(b, off, len));
            }

            private int killedAtEnd(int n) {
                if (n < 0) {
                    kill();
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                recorded.close();
            }
        }, 1 << 16));
    }

    /** Whether this side and the driver wait for each other on a CPU: a spin is set, and the driver's greeting says it can. */
    boolean spins() {
        return spinNanos > 0;
    }

    /** Ends the wait for {@code deadline}; false when the watchdog has claimed it first. */
    private boolean disarm(Deadline deadline) {
        if (armed.compareAndSet(deadline, null)) {
            return true;
        }
        armed.set(null);
        return false;
    }

    /** Thrown when the two sides are out of step: a bug of the adapter or the driver, not of the implementation. */
    static final class ProtocolError extends IllegalStateException {
        ProtocolError(String message) {
            super(message);
        }
    }

    private ProtocolError protocolError(String problem, Supplier<String> what) {
        dead = true;
        armed.set(null);
        kill();
        return new ProtocolError("protocol error during " + what.get() + ": " + problem
                + "; the interpreter was killed and the next operation starts a fresh one");
    }

    /**
     * Builds the failure after the child stopped answering, and makes sure it is gone.
     *
     * @param timeLimit the limit that ran out ({@code "10 s"}), or null when the child died by itself
     */
    private RuntimeFailure failure(String what, String timeLimit) {
        dead = true;
        boolean hung = timeLimit != null;
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
            stderr.awaitEnd(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String stderr = this.stderr.text();
        String tail = stderr.isEmpty() ? "" : "\n--- interpreter stderr (last lines) ---\n" + stderr;
        if (hung) {
            return new RuntimeFailure(RuntimeFailure.Kind.TIMED_OUT, "timed out after " + timeLimit, what,
                    "; the interpreter was killed" + tail);
        }
        Integer code = exitCode();
        String how = code == null ? "did not exit"
                : code > 128 ? "signal " + (code - 128) + Signals.describe(code - 128)
                : "exited with code " + code;
        return new RuntimeFailure(RuntimeFailure.Kind.CRASHED, "implementation crashed: " + how, what, tail);
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

    /** Not known to be dead, and running: a spare may have died while it waited (a forked one with its fork server). */
    boolean alive() {
        return !dead && process.isAlive();
    }

    /** The child's process id (for tests and messages). */
    long pid() {
        return process.pid();
    }

    private Integer exitCode() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? process.exitValue() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    /** Watchdog thread: kills the child once the current wait's deadline has passed (and claims that deadline). */
    private void watch() {
        while (!closed && process.isAlive()) {
            Deadline d = armed.get();
            if (d != null && d != FIRED && System.nanoTime() - d.due() > 0 && armed.compareAndSet(d, FIRED)) {
                kill();
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
        if (process instanceof ForkServer.Child) {   // its parent kills it: the number is the child's until reaped
            process.destroyForcibly();
        } else {
            process.toHandle().destroyForcibly();
        }
    }

    /** Closes stdin (the driver exits on end of input), then makes sure the child is gone. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        dead = true;
        if (armed.get() != null) {   // another thread awaits an answer: end its wait now, not at the deadline
            kill();
        }
        endInput(requestsSetAside != null ? requestsSetAside : out, process);
        watchdog.interrupt();
        try {
            process.getInputStream().close();   // a forked child's, which no JDK code closes at its exit
        } catch (IOException e) {
            // already closed
        }
        deleteQuietly(progressFile);
    }

    /** Closes a process's input, on whose end it exits, and kills it if it has not within two seconds. */
    static void endInput(OutputStream input, Process process) {
        try {
            input.close();
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
