package dev.oldbuffer.adapter.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oldbuffer.results.Outcome;
import dev.oldbuffer.results.RunResult;
import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.tck.TckConfig;
import dev.oldbuffer.tck.properties.PropertySettings;
import dev.oldbuffer.tck.run.TckRunner;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run starts one interpreter, not two: the specifications and the migration survey after them share it. A second start
 * cost a run a tenth of a second on CPython, and seconds on GraalPy and Pyodide. The answer tape counts the interpreters
 * taken into use.
 */
class OneInterpreterPerRunTest {

    @TempDir
    Path tmp;

    @Test
    void theSpecificationsAndTheSurveyShareOneInterpreter() {
        RunResult result;
        try (AnswerTape tape = AnswerTape.record(tmp)) {
            result = new TckRunner(new TckConfig("capi-process",
                    Map.of(LaunchConfig.PYTHON, "python3", LaunchConfig.CACHE, TestRuntime.cacheDir().toString()), Profile.DOCUMENTED))
                    .seed("20261127").parameter(PropertySettings.TRIES, "1").run();
            assertThat(tape.interpreters()).as("interpreters started by a run that crashed nothing").isEqualTo(1);
        }
        assertThat(result.assertions()).noneMatch(a -> a.outcome() == Outcome.CRASHED);
        assertThat(result.migration()).as("the survey, made after the specifications").isNotEmpty()
                .noneMatch(n -> n.after().startsWith("not surveyed"));
    }
}
