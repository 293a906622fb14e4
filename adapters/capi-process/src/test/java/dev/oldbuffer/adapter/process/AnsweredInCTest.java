package dev.oldbuffer.adapter.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oldbuffer.results.Baseline;
import dev.oldbuffer.results.BaselineComparison;
import dev.oldbuffer.results.RunResult;
import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.tck.TckConfig;
import dev.oldbuffer.tck.properties.PropertySettings;
import dev.oldbuffer.tck.run.TckRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * On CPython the probe answers the commonest requests of a try in C (probe.c's {@code ring_serve}: reset, create, call,
 * fetch of the error, reference and export counts, contents, release), where the driver's Python handlers answered them
 * before; both must give the kit the same answers. The whole kit runs twice on python3 with the same seed, once with
 * every request answered in Python ({@code OLDBUFFER_TEST_SERVE=python}), and every assertion must end alike, with the
 * same observation. The baselines hold the C path to the results the Python path recorded; this holds the two paths to
 * each other on every kind of object and call the kit generates, failures and refusals included.
 */
class AnsweredInCTest {

    private static final int TRIES = 300;
    private static final String IN_C = "in C for the commonest requests of a try, in Python for the rest";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theProbeAnswersAsTheDriversPythonDoes(Profile profile) throws IOException {
        Path wrapper = tmp.resolve("python-answering-in-python");
        Files.writeString(wrapper, "#!/bin/sh\nOLDBUFFER_TEST_SERVE=python exec python3 \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));

        RunResult inC = run("python3", profile);
        RunResult inPython = run(wrapper.toString(), profile);

        assertThat(inC.runtimeDetails()).containsEntry("answers", IN_C);
        assertThat(inPython.runtimeDetails()).containsEntry("answers", "in Python")
                .containsEntry("transport", "shared memory");
        BaselineComparison comparison = BaselineComparison.of(Baseline.of(inPython, TRIES), Baseline.of(inC, TRIES));
        assertThat(comparison.moved(false)).as(() -> comparison.report("the run answered in Python", false)).isFalse();
        assertThat(inC.assertions()).hasSameSizeAs(inPython.assertions()).isNotEmpty();
    }

    private static RunResult run(String python, Profile profile) {
        Map<String, String> options = Map.of(LaunchConfig.PYTHON, python, LaunchConfig.CACHE, TestRuntime.cacheDir().toString());
        return new TckRunner(new TckConfig("capi-process", options, profile)).seed("20261127")
                .parameter(PropertySettings.TRIES, Integer.toString(TRIES)).run();
    }
}
