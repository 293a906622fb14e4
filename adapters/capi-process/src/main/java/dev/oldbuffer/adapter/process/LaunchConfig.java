package dev.oldbuffer.adapter.process;

import dev.oldbuffer.spi.ImplementationUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How to start the interpreter, from the provider's options.
 *
 * @param python     interpreter command or path
 * @param pythonHome PYTHONHOME for relocated (jar-packaged) CPythons, or null
 * @param timeout    how long one request may take before the interpreter counts as hung
 * @param startup    how long the interpreter may take to start and greet (building the probe on first use)
 * @param cache      where built probes and the extracted driver live
 * @param probe      {@code auto}, {@code c-extension} or {@code ctypes}
 * @param abi        {@code version} (the probe built for the interpreter's own ABI) or {@code abi3} (the calls made from a
 *                   module built against the limited API of 3.2, as an abi3 wheel makes them)
 * @param spin       how long each side waits on a CPU for the other's next frame before it sleeps in a read (zero: at
 *                   once). Waking a process asleep on a pipe takes tens of microseconds on a virtual machine, more than
 *                   most requests take to serve: without it, those wake-ups are most of a try's time.
 */
record LaunchConfig(String python, Path pythonHome, Duration timeout, Duration startup, Path cache, String probe, String abi,
                    Duration spin) {

    static final String PYTHON = "python", PYTHONHOME = "pythonhome", TIMEOUT = "timeout", STARTUP = "startup",
            CACHE = "cache", PROBE = "probe", ABI = "abi", SPIN = "spin";
    /** The default of {@link #spin}, in microseconds. */
    static final long SPIN_MICROS = 200;

    static final Map<String, String> OPTIONS = Map.of(
            PYTHON, "interpreter to drive (path or command on PATH; default python3): CPython 3.9+, PyPy3, GraalPy, or a launcher "
                    + "that behaves like python3 (adapters/pyodide-runtime/pyodide-python runs Pyodide under node)",
            PYTHONHOME, "PYTHONHOME for a relocated CPython (e.g. an unpacked org.bytedeco:cpython jar); "
                    + "its folder and lib/ are added to LD_LIBRARY_PATH",
            TIMEOUT, "seconds one request may take before the interpreter counts as hung (default 10); the calls themselves "
                    + "get a limit derived from the measured round trip, at most this",
            STARTUP, "seconds the interpreter may take to start, building the probe on first use (default 120, "
                    + "at least the timeout)",
            CACHE, "directory for built probes (default ~/.cache/oldbuffer-tck)",
            PROBE, "auto (default: C extension, ctypes fallback on CPython), c-extension or ctypes",
            ABI, "version (default: the probe built for the interpreter's ABI) or abi3 (the four calls made from a module "
                    + "built with Py_LIMITED_API=0x03020000, as abi3 wheels make them; CPython only)",
            SPIN, "microseconds the kit and the interpreter each wait on a CPU for the other's next message before they sleep "
                    + "(default " + SPIN_MICROS + "; 0 sleeps at once, for a machine with fewer free cores than two)");

    static LaunchConfig of(Map<String, String> options) {
        String python = options.getOrDefault(PYTHON, "python3");
        Path home = null;
        if (options.containsKey(PYTHONHOME)) {
            home = Path.of(options.get(PYTHONHOME)).toAbsolutePath();
            if (!Files.isDirectory(home)) {
                throw new ImplementationUnavailableException("pythonhome " + home + " is not a directory");
            }
        }
        Duration timeout = seconds(options, TIMEOUT, "10");
        Duration startup = seconds(options, STARTUP, "120");
        if (startup.compareTo(timeout) < 0) {
            startup = timeout;
        }
        Path cache = options.containsKey(CACHE) ? Path.of(options.get(CACHE)) : defaultCache();
        String probe = options.getOrDefault(PROBE, "auto");
        if (!probe.equals("auto") && !probe.equals("c-extension") && !probe.equals("ctypes")) {
            throw new ImplementationUnavailableException("option probe must be auto, c-extension or ctypes, got '"
                    + probe + "'");
        }
        String abi = options.getOrDefault(ABI, "version");
        if (!abi.equals("version") && !abi.equals("abi3")) {
            throw new ImplementationUnavailableException("option abi must be version or abi3, got '" + abi + "'");
        }
        if (abi.equals("abi3") && probe.equals("ctypes")) {
            throw new ImplementationUnavailableException("option abi=abi3 needs the C probe (probe=auto or c-extension), "
                    + "not probe=ctypes");
        }
        return new LaunchConfig(python, home, timeout, startup, cache.toAbsolutePath(), probe, abi, spin(options));
    }

    /** Zero or a positive number of microseconds, at most a second. */
    private static Duration spin(Map<String, String> options) {
        String value = options.getOrDefault(SPIN, Long.toString(SPIN_MICROS));
        try {
            long micros = Long.parseLong(value.strip());
            if (micros < 0 || micros > 1_000_000) {
                throw new NumberFormatException();
            }
            return Duration.ofNanos(micros * 1000);
        } catch (NumberFormatException e) {
            throw new ImplementationUnavailableException("option " + SPIN + " must be a whole number of microseconds from 0 to "
                    + "1000000, got '" + value + "'");
        }
    }

    /** A positive number of seconds (at most a day, so that deadlines in nanoseconds cannot overflow). */
    private static Duration seconds(Map<String, String> options, String key, String fallback) {
        try {
            double seconds = Double.parseDouble(options.getOrDefault(key, fallback));
            if (!(seconds > 0) || seconds > 86_400) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(Math.max(1, (long) (seconds * 1000)));
        } catch (NumberFormatException e) {
            throw new ImplementationUnavailableException("option " + key + " must be a positive number of seconds "
                    + "(at most 86400), got '" + options.get(key) + "'");
        }
    }

    private static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("oldbuffer-tck");
    }

    /** For messages: {@code 10 s}, {@code 0.5 s}. */
    String timeoutText() {
        return text(timeout);
    }

    /** For messages, like {@link #timeoutText()}. */
    String startupText() {
        return text(startup);
    }

    /** {@code 10 s}, {@code 0.5 s}: a duration as the adapter's messages write it. */
    static String text(Duration d) {
        long ms = d.toMillis();
        return (ms % 1000 == 0 ? Long.toString(ms / 1000) : Double.toString(ms / 1000.0)) + " s";
    }
}
