package dev.oldbuffer.adapter.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.ImplementationUnavailableException;
import dev.oldbuffer.spi.MemoryAccessException;
import dev.oldbuffer.spi.OutSlots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shapes {@code python=} takes besides an interpreter's own binary: a script that starts one, a launcher whose
 * {@code sys.executable} is a command line rather than a file (GraalPy on a JVM), and a WebAssembly interpreter that
 * cannot see the host's files (Pyodide under node). Each must start and answer; one that cannot start must say why.
 */
class LauncherShapesTest {

    @TempDir
    Path tmp;

    private Path script(String name, String body) throws IOException {
        Path script = tmp.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private Map<String, String> options(Path python) {
        return Map.of(LaunchConfig.PYTHON, python.toString(), LaunchConfig.CACHE, tmp.resolve("cache").toString());
    }

    private static void assertAnswers(ProcessRuntime rt) {
        CallResult r = rt.call(Function.AS_READ_BUFFER, rt.create(Fixture.bytes(new byte[] {1, 2, 3})), OutSlots.sentinels());
        assertThat(r.returnValue()).isZero();
        assertThat(rt.read(r.buffer(), 3)).containsExactly(1, 2, 3);
    }

    @Test
    void aScriptThatStartsTheInterpreter() throws IOException {
        Path launcher = script("python-launcher", "exec python3 \"$@\"");
        try (ProcessRuntime rt = ProcessRuntime.open(options(launcher))) {
            assertAnswers(rt);
            assertThat(rt.info().name()).isEqualTo("CPython");
        }
    }

    /**
     * GraalPy on a JVM reports the whole java command line as sys.executable; a CPython told the same by sitecustomize
     * stands in for it here (the conformance run drives GraalPy itself). The driver's probe cache must not stat it.
     */
    @Test
    void aLauncherWhoseExecutableIsACommandLine() throws IOException {
        Path site = Files.createDirectories(tmp.resolve("site"));
        Files.writeString(site.resolve("sitecustomize.py"),
                "import sys\nsys.executable = '/no/such/jdk/bin/java -cp /no/such.jar com.example.PythonMain'\n");
        Path launcher = script("jvm-like-launcher", "PYTHONPATH=" + site + " exec python3 \"$@\"");
        try (ProcessRuntime rt = ProcessRuntime.open(options(launcher))) {
            assertAnswers(rt);
            assertThat(rt.info().details().get("interpreter")).isEqualTo("/no/such/jdk/bin/java (a command line, not a file: CPython)");
        }
    }

    @Test
    void graalPysJvmLauncher() {
        try (ProcessRuntime rt = TestRuntime.GRAALPY.open(Map.of())) {
            assertAnswers(rt);
            assertThat(rt.info().name()).isEqualTo("GraalPy");
            assertThat(rt.info().version()).startsWith("25.0.1 (Python 3.12.");
            assertThat(rt.info().details().get("interpreter")).endsWith("java (a command line, not a file: GraalVM)");
        }
    }

    /**
     * Pyodide under node, through the launcher the kit ships: the interpreter sees none of the host's files, so the driver
     * comes over standard input, and memory past the end of WebAssembly's linear memory is refused, not read.
     */
    @Test
    void aWebAssemblyInterpreterWithoutTheHostsFiles() {
        try (ProcessRuntime rt = TestRuntime.PYODIDE.open(Map.of())) {
            assertAnswers(rt);
            assertThat(rt.info().name()).isEqualTo("Pyodide");
            assertThat(rt.info().details().get("interpreter")).endsWith("pyodide-python (WebAssembly: Emscripten-4.0.9-wasm32-32bit)");
            assertThat(rt.info().details().get("probe")).startsWith("ctypes (fallback: a C extension for WebAssembly needs");
            assertThat(rt.info().details().get("probe.path")).isEqualTo("ctypes.pythonapi");
            assertThatThrownBy(() -> rt.read(0xFFFF_FFF0L, 4)).isInstanceOf(MemoryAccessException.class)
                    .hasMessageContaining("cannot read 4 bytes at 0xfffffff0");
        }
    }

    /** A launcher that fails before Python runs (here: no JDK) is unavailable, with what it printed. */
    @Test
    void aLauncherThatCannotStartSaysWhy() throws IOException {
        Path launcher = script("broken-launcher", "echo 'launcher: no JDK 21 found at /opt/jdk' >&2; exit 1");
        assertThatThrownBy(() -> ProcessRuntime.open(options(launcher)))
                .isInstanceOf(ImplementationUnavailableException.class)
                .hasMessageContaining("could not start the driver")
                .hasMessageContaining("exited with code 1")
                .hasMessageContaining("launcher: no JDK 21 found at /opt/jdk");
    }
}
