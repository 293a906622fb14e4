package dev.oldbuffer.adapter.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oldbuffer.results.AssertionResult;
import dev.oldbuffer.results.Outcome;
import dev.oldbuffer.results.RunResult;
import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.tck.TckConfig;
import dev.oldbuffer.tck.properties.PropertySettings;
import dev.oldbuffer.tck.run.TckRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runtime that hangs on every call of a kind - its getters never return for an empty buffer (the driver's test hook
 * {@code OLDBUFFER_TEST_HANG=empty-getters}) - still gives a complete run: each assertion that meets the hang is reported
 * as timed out, with the call limit derived from the runtime's round trip, not the ten seconds of the timeout, and the
 * rest of the profile runs. (How long the run took is printed, never asserted.)
 */
class HangingRuntimeTest {

    @TempDir
    Path tmp;

    @Test
    void aRuntimeThatHangsOnEveryEmptyBufferFinishesTheProfileWithTimeOuts() throws IOException {
        Path wrapper = tmp.resolve("python-that-hangs");
        Files.writeString(wrapper, "#!/bin/sh\nOLDBUFFER_TEST_HANG=empty-getters exec python3 \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> options = Map.of(LaunchConfig.PYTHON, wrapper.toString(),
                LaunchConfig.CACHE, TestRuntime.cacheDir().toString());

        long start = System.nanoTime();
        RunResult result = new TckRunner(new TckConfig("capi-process", options, Profile.DOCUMENTED)).seed("20261127")
                .parameter(PropertySettings.TRIES, "100").run();
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        List<AssertionResult> hung = result.assertions().stream().filter(a -> a.outcome() == Outcome.TIMED_OUT).toList();
        System.out.println("HANGING RUNTIME: " + result.summaryLine() + " in " + seconds + " s; "
                + result.runtimeDetails().get("timeout"));
        assertThat(result.complete()).isTrue();
        assertThat(hung).as("the assertions that meet an empty buffer").extracting(AssertionResult::id).contains("char07", "read07");
        assertThat(hung).allSatisfy(a -> assertThat(a.detail()).contains("the call limit"));
        assertThat(result.runtimeDetails().get("timeout")).startsWith("10 s; calls ").contains("round trips of");
        assertThat(result.assertions()).filteredOn(a -> a.outcome() == Outcome.PASSED).isNotEmpty();
    }
}
