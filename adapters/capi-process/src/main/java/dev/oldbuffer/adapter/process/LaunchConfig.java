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
 * @param cache      where built probes and the extracted driver live
 * @param probe      {@code auto}, {@code c-extension} or {@code ctypes}
 */
record LaunchConfig(String python, Path pythonHome, Duration timeout, Path cache, String probe) {

    static final String PYTHON = "python", PYTHONHOME = "pythonhome", TIMEOUT = "timeout", CACHE = "cache",
            PROBE = "probe";

    static final Map<String, String> OPTIONS = Map.of(
            PYTHON, "interpreter to drive (path or command on PATH; default python3): CPython 3.9+ or PyPy3",
            PYTHONHOME, "PYTHONHOME for a relocated CPython (e.g. an unpacked org.bytedeco:cpython jar); "
                    + "its folder and lib/ are added to LD_LIBRARY_PATH",
            TIMEOUT, "seconds one call may take before the interpreter counts as hung (default 10)",
            CACHE, "directory for built probes (default ~/.cache/oldbuffer-tck)",
            PROBE, "auto (default: C extension, ctypes fallback on CPython), c-extension or ctypes");

    static LaunchConfig of(Map<String, String> options) {
        String python = options.getOrDefault(PYTHON, "python3");
        Path home = null;
        if (options.containsKey(PYTHONHOME)) {
            home = Path.of(options.get(PYTHONHOME)).toAbsolutePath();
            if (!Files.isDirectory(home)) {
                throw new ImplementationUnavailableException("pythonhome " + home + " is not a directory");
            }
        }
        Duration timeout;
        try {
            double seconds = Double.parseDouble(options.getOrDefault(TIMEOUT, "10"));
            if (!(seconds > 0)) {
                throw new NumberFormatException();
            }
            timeout = Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException e) {
            throw new ImplementationUnavailableException("option timeout must be a positive number of seconds, got '"
                    + options.get(TIMEOUT) + "'");
        }
        Path cache = options.containsKey(CACHE) ? Path.of(options.get(CACHE)) : defaultCache();
        String probe = options.getOrDefault(PROBE, "auto");
        if (!probe.equals("auto") && !probe.equals("c-extension") && !probe.equals("ctypes")) {
            throw new ImplementationUnavailableException("option probe must be auto, c-extension or ctypes, got '"
                    + probe + "'");
        }
        return new LaunchConfig(python, home, timeout, cache.toAbsolutePath(), probe);
    }

    private static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("oldbuffer-tck");
    }

    /** For messages: {@code 10 s}, {@code 0.5 s}. */
    String timeoutText() {
        long ms = timeout.toMillis();
        return (ms % 1000 == 0 ? Long.toString(ms / 1000) : Double.toString(ms / 1000.0)) + " s";
    }
}
