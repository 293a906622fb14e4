package dev.oldbuffer.adapter.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Pyodide launcher the kit ships ({@code adapters/pyodide-runtime/pyodide-python}) behaves as python3 does where the
 * kit needs it: {@code -c CODE} and script arguments, the exit status, binary standard streams, and exit 2 with a message
 * when it cannot start.
 */
class PyodideLauncherTest {

    @TempDir
    Path tmp;

    private static final Path LAUNCHER = Path.of(TestRuntime.PYODIDE.options(Map.of()).get(LaunchConfig.PYTHON)).toAbsolutePath();

    private record Run(int exit, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private Run run(byte[] stdin, Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
        pb.environment().putAll(env);
        Path err = tmp.resolve("stderr.txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().write(stdin);
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not exit in 60 s: " + String.join(" ", command));
        }
        return new Run(p.exitValue(), out, Files.readString(err));
    }

    private Run launch(byte[] stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        return run(stdin, Map.of(), command.toArray(String[]::new));
    }

    @Test
    void runsCodeWithItsArgumentsAndExitsWithItsStatus() throws Exception {
        Run r = launch(new byte[0], "-s", "-c", "import sys; print(sys.argv, sys.platform); sys.exit(3)", "a", "b c");
        assertThat(r.exit()).as(r.stderr()).isEqualTo(3);
        assertThat(r.out()).isEqualTo("['-c', 'a', 'b c'] emscripten\n");
        assertThat(launch(new byte[0], "-V").out()).startsWith("Python 3.13.");
    }

    @Test
    void runsAScriptFromTheHostsFiles() throws Exception {
        Path script = Files.writeString(tmp.resolve("hello.py"), "import sys\nprint('script', sys.argv[1:])\nraise SystemExit('no')\n");
        Run r = launch(new byte[0], script.toString(), "x");
        assertThat(r.out()).isEqualTo("script ['x']\n");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("no\n");
    }

    /** Every byte value crosses both ways unchanged, and a read blocks until the data comes: what the protocol needs. */
    @Test
    void standardStreamsAreBinary() throws Exception {
        byte[] all = new byte[256 * 64];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        Run r = launch(all, "-c", "import os\ndata = b''\nwhile True:\n    chunk = os.read(0, 1000)\n    if not chunk:\n        break\n"
                + "    data += chunk\nos.write(1, data[::-1])\n");
        assertThat(r.exit()).as(r.stderr()).isZero();
        byte[] reversed = new byte[all.length];
        for (int i = 0; i < all.length; i++) {
            reversed[i] = all[all.length - 1 - i];
        }
        assertThat(r.stdout()).isEqualTo(reversed);
    }

    @Test
    void anUnknownOptionIsAUsageError() throws Exception {
        Run r = launch(new byte[0], "-m", "json.tool");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).contains("pyodide-python: unknown option -m").contains("usage: pyodide-python");
    }

    /** A copy of the launcher with no Pyodide beside it, none named and no npm to ask: exit 2, and what to install. */
    @Test
    void withoutPyodideItSaysWhatToInstall() throws Exception {
        Path copy = Files.copy(LAUNCHER, tmp.resolve("pyodide-python"));
        String node = Path.of("/usr/bin/node").toFile().canExecute() ? "/usr/bin/node" : "node";
        Run r = run(new byte[0], Map.of("PYODIDE_HOME", tmp.resolve("none").toString(), "PATH", ""), node, copy.toString(), "-c", "pass");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).contains("pyodide-python: cannot find the npm package pyodide (tried " + tmp.resolve("none"))
                .contains("npm install pyodide@0.29");
    }
}
