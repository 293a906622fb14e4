package dev.oldbuffer.adapter.process;

import static org.assertj.core.api.Assertions.fail;

import dev.oldbuffer.spi.ImplementationUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The interpreters the adapter is tested against (CPython 3.11's debug build runs the probe under CPython's own
 * assertions). An absent one fails its tests with the install hint:
 * CI installs them all, so a silent skip would hide a broken setup.
 */
enum TestRuntime {
    PYTHON3("python3", null, "run ./prepare-and-test, or install CPython 3.9+ with its headers as python3 on PATH "
            + "(apt-get install python3 python3-dev)"),
    PYPY3("/usr/bin/pypy3", null, "run ./prepare-and-test, or apt-get install pypy3 pypy3-dev"),
    CPYTHON_3_11_DEBUG("/usr/bin/python3.11d", null, "run ./prepare-and-test, or apt-get install python3.11-dbg"),
    CPYTHON_3_12("cpython-3.12/bin/python3", "cpython-3.12", "the build unpacks org.bytedeco:cpython into target/runtimes: run mvn generate-test-resources"),
    CPYTHON_3_13("cpython-3.13/bin/python3", "cpython-3.13", "the build unpacks org.bytedeco:cpython into target/runtimes: run mvn generate-test-resources"),
    CPYTHON_3_14("cpython-3.14/bin/python3", "cpython-3.14", "the build unpacks org.bytedeco:cpython into target/runtimes: run mvn generate-test-resources"),
    /**
     * GraalPy on a JVM, through the launcher adapters/graalpy-runtime writes (its sys.executable is a java command line,
     * not a file). Only the conformance runs use it: the adapter's own tests stay on the interpreters they describe.
     */
    GRAALPY(System.getProperty("oldbuffer.test.graalpy", "../graalpy-runtime/target/graalpy/bin/graalpy"), null,
            "the build writes GraalPy's launcher from its Maven artifacts (mvn -pl adapters/graalpy-runtime generate-resources); "
                    + "it runs on a JDK 21+ at /usr/lib/jvm/temurin-25-jdk-amd64 (or GRAALPY_JAVA=/path/to/java)"),
    /**
     * Pyodide (CPython 3.13 in WebAssembly) under node, through the launcher the kit ships: no C compiler and no host file
     * system, so the driver arrives over stdin and calls through ctypes.
     */
    PYODIDE(System.getProperty("oldbuffer.test.pyodide", "../pyodide-runtime/pyodide-python"), null,
            "run ./prepare-and-test, or install node 18+ and the launcher's npm packages: npm ci --prefix adapters/pyodide-runtime");

    /** Runtimes opened with the default options, shared by the test classes and closed at exit. */
    private static final Map<TestRuntime, ProcessRuntime> SHARED = new EnumMap<>(TestRuntime.class);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> SHARED.values().forEach(ProcessRuntime::close)));
    }

    private final String python;
    private final String home;
    private final String hint;

    TestRuntime(String python, String home, String hint) {
        this.python = python;
        this.home = home;
        this.hint = hint;
    }

    static Path runtimesDir() {
        return Path.of(System.getProperty("oldbuffer.test.runtimes", "target/runtimes")).toAbsolutePath();
    }

    static Path cacheDir() {
        return Path.of(System.getProperty("oldbuffer.test.cache", "target/probe-cache")).toAbsolutePath();
    }

    String hint() {
        return hint;
    }

    boolean isPyPy() {
        return this == PYPY3;
    }

    /** CPython's own builds (Pyodide's among them, compiled to WebAssembly), as opposed to other implementations of its C API. */
    boolean isCPython() {
        return this != PYPY3 && this != GRAALPY;
    }

    /** Whether the interpreter is at the language level of PEP 688 (3.12), which the driver requires for it. */
    static boolean honoursPep688(ProcessRuntime rt) {
        return atLeast(rt, 12);
    }

    /** Whether the runtime is Python 3.{@code minor} or later. */
    static boolean atLeast(ProcessRuntime rt, int minor) {
        String[] version = rt.info().details().get("python.version").split("[. ]");
        int major = Integer.parseInt(version[0]), actual = Integer.parseInt(version[1]);
        return major > 3 || (major == 3 && actual >= minor);
    }

    /** The options that open this runtime (plus {@code extra}). */
    Map<String, String> options(Map<String, String> extra) {
        Map<String, String> options = new HashMap<>();
        if (home != null) {
            options.put(LaunchConfig.PYTHON, runtimesDir().resolve(python).toString());
            options.put(LaunchConfig.PYTHONHOME, runtimesDir().resolve(home).toString());
        } else {
            options.put(LaunchConfig.PYTHON, python);
        }
        options.put(LaunchConfig.CACHE, cacheDir().toString());
        options.putAll(extra);
        return options;
    }

    /** A fresh runtime of its own (close it); fails the test with the install hint when absent. */
    ProcessRuntime open(Map<String, String> extra) {
        if (home != null && !Files.isExecutable(runtimesDir().resolve(python))) {
            fail(this + ": " + runtimesDir().resolve(python) + " is missing: " + hint());
        }
        if (this == GRAALPY && !Files.isExecutable(Path.of(python))) {
            fail(this + ": " + Path.of(python).toAbsolutePath() + " is missing: " + hint());
        }
        try {
            return ProcessRuntime.open(options(extra));
        } catch (ImplementationUnavailableException e) {
            return fail(this + " is unavailable: " + e.getMessage() + "\nto fix: " + hint(), e);
        }
    }

    /** The shared runtime, reset. */
    synchronized ProcessRuntime shared() {
        ProcessRuntime rt = SHARED.get(this);
        if (rt == null) {
            rt = open(Map.of());
            SHARED.put(this, rt);
        }
        rt.reset();
        return rt;
    }
}
