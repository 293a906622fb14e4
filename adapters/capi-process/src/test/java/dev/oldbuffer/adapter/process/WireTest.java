package dev.oldbuffer.adapter.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.OutSlots;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Wire} is the one definition of the protocol's codes, and the three sides agree on it: the codes are
 * distinct, the Java encoder writes the layouts the driver reads, the probe has a case for every function, and the
 * driver refuses to start when its tables miss an entry of the generated module (checked by importing it).
 */
class WireTest {

    @TempDir
    Path dir;

    @Test
    void codesAreDistinctAndFunctionsNumberedFromZero() {
        assertThat(Arrays.stream(Wire.Op.values()).map(op -> op.code)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(Wire.Status.values()).map(s -> s.code)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(Wire.Tag.values()).map(t -> t.letter)).doesNotHaveDuplicates();
        // the probe checks fn < OLDBUFFER_FN_COUNT
        assertThat(Arrays.stream(Function.values()).map(Wire::code))
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, Function.values().length).boxed().toList());
    }

    @Test
    void aCallIsEncodedInTheLayoutTheDriverUnpacks() {
        Protocol.Request r = new Protocol.Request().start(Wire.Op.CALL);
        int before = r.size();
        Protocol.encodeCall(r, Function.AS_WRITE_BUFFER, false, 7, OutSlots.nullBuffer(), false);
        assertThat(r.size() - before).isEqualTo(structSize(Wire.CALL_ARGS));
        assertThat(structSize(Wire.RESULT)).isEqualTo(21);
    }

    @Test
    void theProbeCallsEveryFunction() throws IOException {
        String probe = resource(DriverFiles.PROBE);
        for (Function f : Function.values()) {
            assertThat(probe).as("probe.c calls %s", f).contains("case OLDBUFFER_FN_" + f.name() + ": rc = " + f.cName() + "(");
        }
    }

    @Test
    void theDriverHandlesEveryCodeOfTheTable() throws Exception {
        Path driver = DriverFiles.install(dir.resolve("cache"));
        assertThat(python(driver)).isEqualTo("ok");
    }

    @Test
    void theDriverRefusesATableItDoesNotHandle() throws Exception {
        Path driver = DriverFiles.install(dir.resolve("cache"));
        Path stale = Files.createDirectories(dir.resolve("stale"));
        try (var files = Files.list(driver)) {
            for (Path f : files.toList()) {
                Files.copy(f, stale.resolve(f.getFileName()));
            }
        }
        Path module = stale.resolve(Wire.PYTHON_MODULE + ".py");
        Files.writeString(module, Files.readString(module) + "TAGS['TUPLE'] = 'Z'\nOPS = OPS + (99,)\n");
        assertThat(python(stale)).contains("the driver and the adapter disagree on the protocol")
                .contains("operations [99]").contains("fixture tags ['Z']");
    }

    /** Builds the driver's tables in python3 (no probe needed) and prints "ok" or the driver's refusal. */
    private static String python(Path driverDir) throws IOException, InterruptedException {
        String code = String.join("\n",
                "import sys",
                "sys.path.insert(0, sys.argv[1])",
                "import oldbuffer_driver as d",
                "try:",
                "    d.Driver(None, 'ctypes', None)",
                "    print('ok')",
                "except d.Refusal as e:",
                "    print(e)");
        Process p = new ProcessBuilder("python3", "-c", code, driverDir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DriverFiles.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The size of a big-endian struct layout of the codes B (1), I and i (4), q (8). */
    private static int structSize(String layout) {
        return layout.substring(1).chars().map(c -> switch (c) {
            case 'B' -> 1;
            case 'I', 'i' -> 4;
            case 'q' -> 8;
            default -> throw new IllegalArgumentException("layout code " + (char) c);
        }).sum();
    }
}
