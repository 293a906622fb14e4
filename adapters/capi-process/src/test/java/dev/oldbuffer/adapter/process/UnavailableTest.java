package dev.oldbuffer.adapter.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oldbuffer.spi.ImplementationUnavailableException;
import dev.oldbuffer.spi.Implementations;
import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.spi.RuntimeProvider;
import dev.oldbuffer.spi.RuntimeRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees when the interpreter, its headers or the compiler are missing. */
class UnavailableTest {

    @TempDir
    Path tmp;

    /** A stand-in interpreter: a shell script that changes the environment, then runs the real one. */
    private String wrapper(String body) throws IOException {
        Path script = tmp.resolve("python-wrapper");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script.toString();
    }

    private Map<String, String> options(String python) {
        return Map.of(LaunchConfig.PYTHON, python, LaunchConfig.CACHE, tmp.resolve("cache").toString());
    }

    private void assertNothingHalfWrittenInTheCache() throws IOException {
        Path cache = tmp.resolve("cache");
        if (Files.exists(cache)) {
            try (Stream<Path> entries = Files.list(cache)) {
                assertThat(entries.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
            }
        }
    }

    @Test
    void theProviderIsFoundByItsId() {
        RuntimeProvider p = Implementations.find(ProcessRuntimeProvider.ID, getClass().getClassLoader());
        assertThat(p).isInstanceOf(ProcessRuntimeProvider.class);
        assertThat(p.options()).containsKeys("python", "pythonhome", "timeout", "cache", "probe", "abi", "spin");
        assertThatThrownBy(() -> Implementations.open(p, Map.of("interpreter", "x"), Profile.DOCUMENTED))
                .isInstanceOf(ImplementationUnavailableException.class).hasMessageContaining("has no option interpreter");
    }

    /** abi=abi3 where no abi3 binary can load, or with the ctypes probe, or an unknown abi: refused before anything runs. */
    @Test
    void anAbiTheRuntimeCannotHaveIsAUsageError() {
        assertThatThrownBy(() -> TestRuntime.PYPY3.open(Map.of(LaunchConfig.ABI, "abi3")))
                .hasMessageContaining("abi=abi3: PyPy cannot load abi3 extension modules").hasMessageContaining("use abi=version");
        assertThatThrownBy(() -> ProcessRuntime.open(Map.of(LaunchConfig.ABI, "abi3", LaunchConfig.PROBE, "ctypes")))
                .isInstanceOf(ImplementationUnavailableException.class).hasMessageContaining("abi=abi3 needs the C probe");
        assertThatThrownBy(() -> ProcessRuntime.open(Map.of(LaunchConfig.ABI, "abi2")))
                .isInstanceOf(ImplementationUnavailableException.class).hasMessageContaining("option abi must be version or abi3");
    }

    @Test
    void aMissingInterpreterSaysWhatToInstall() {
        assertThatThrownBy(() -> new ProcessRuntimeProvider().open(new RuntimeRequest(options("/nonexistent/bin/python3"), Profile.DOCUMENTED)))
                .isInstanceOf(ImplementationUnavailableException.class)
                .hasMessageContaining("/nonexistent/bin/python3")
                .hasMessageContaining("apt-get install")
                .hasMessageContaining("python=/path/to/interpreter");
    }

    @Test
    void badOptionsAreRefused() {
        assertThatThrownBy(() -> ProcessRuntime.open(Map.of(LaunchConfig.TIMEOUT, "soon")))
                .isInstanceOf(ImplementationUnavailableException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> ProcessRuntime.open(Map.of(LaunchConfig.PYTHONHOME, "/nonexistent/home")))
                .isInstanceOf(ImplementationUnavailableException.class).hasMessageContaining("/nonexistent/home");
        assertThatThrownBy(() -> ProcessRuntime.open(Map.of(LaunchConfig.PROBE, "cffi")))
                .isInstanceOf(ImplementationUnavailableException.class).hasMessageContaining("probe");
        for (String spin : new String[] {"-1", "fast", "0.5", "1000001"}) {
            assertThatThrownBy(() -> ProcessRuntime.open(Map.of(LaunchConfig.SPIN, spin)))
                    .isInstanceOf(ImplementationUnavailableException.class)
                    .hasMessage("option spin must be a whole number of microseconds from 0 to 1000000, got '" + spin + "'");
        }
    }

    @Test
    void anInterpreterOlderThan39IsRefused() throws IOException {
        // what the bootstrap prints and how it exits on an old Python
        String python = wrapper("echo 'oldbuffer-tck needs Python 3.9 or later, found 3.8.10' >&2\nexit 3");
        assertThatThrownBy(() -> ProcessRuntime.open(options(python)))
                .isInstanceOf(ImplementationUnavailableException.class)
                .hasMessageContaining("needs Python 3.9 or later, found 3.8.10");
    }

    @Test
    void pypyWithoutCompilerSaysInstallGcc() throws IOException {
        String python = wrapper("PATH=/nonexistent; export PATH; unset CC\nexec /usr/bin/pypy3 \"$@\"");
        assertThatThrownBy(() -> ProcessRuntime.open(options(python)))
                .isInstanceOf(ImplementationUnavailableException.class)
                .hasMessageContaining("no C compiler").hasMessageContaining("apt-get install gcc");
        assertNothingHalfWrittenInTheCache();
    }

    @Test
    void pypyWithoutHeadersSaysInstallPypy3Dev() throws IOException {
        String python = wrapper("OLDBUFFER_PROBE_INCLUDE=/nonexistent/include; export OLDBUFFER_PROBE_INCLUDE\n"
                + "exec /usr/bin/pypy3 \"$@\"");
        assertThatThrownBy(() -> ProcessRuntime.open(options(python)))
                .isInstanceOf(ImplementationUnavailableException.class)
                .hasMessageContaining("Python.h not found").hasMessageContaining("apt-get install pypy3-dev");
        assertNothingHalfWrittenInTheCache();
    }

    @Test
    void aFailingCompilerLeavesNothingInTheCache() throws IOException {
        String python = wrapper("CC=/bin/false; export CC\nexec /usr/bin/pypy3 \"$@\"");
        assertThatThrownBy(() -> ProcessRuntime.open(options(python)))
                .isInstanceOf(ImplementationUnavailableException.class)
                .hasMessageContaining("building the probe failed");
        assertNothingHalfWrittenInTheCache();
        try (Stream<Path> entries = Files.list(tmp.resolve("cache"))) {
            assertThat(entries.map(p -> p.getFileName().toString())).allMatch(n -> n.startsWith("driver-") || n.equals("pycache"));
        }
    }

    @Test
    void cpythonWithoutCompilerFallsBackToCtypes() throws IOException {
        String python = wrapper("PATH=/nonexistent; export PATH; unset CC\nexec " + realPython3() + " \"$@\"");
        try (ProcessRuntime rt = ProcessRuntime.open(options(python))) {
            assertThat(rt.info().details().get("probe")).startsWith("ctypes (fallback: no C compiler");
            assertThat(rt.features()).doesNotContain(dev.oldbuffer.spi.Feature.CONFIGURABLE_EXPORTER);
        }
        assertNothingHalfWrittenInTheCache();
    }

    /** python3 on PATH is a pyenv shim that needs PATH; the interpreter behind it does not. */
    private static String realPython3() {
        try (ProcessRuntime rt = TestRuntime.PYTHON3.open(Map.of())) {
            return rt.info().details().get("interpreter");
        }
    }
}
