package dev.oldbuffer.tck.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oldbuffer.reference.ReferenceRuntime;
import dev.oldbuffer.results.MigrationNote;
import dev.oldbuffer.results.Outcome;
import dev.oldbuffer.results.RunResult;
import dev.oldbuffer.spi.OldBufferRuntime;
import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.spi.RuntimeFailure;
import dev.oldbuffer.tck.broken.ReferenceVariant;
import dev.oldbuffer.spi.RuntimeRequest;
import dev.oldbuffer.tck.TckConfig;
import dev.oldbuffer.tck.properties.PropertySettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The migration survey runs on the interpreter the specifications ran on, after them. If that implementation can no
 * longer be reset (a restart that failed), the run still returns its results, with one note saying why nothing was
 * surveyed.
 */
class SurveyAfterTheSpecificationsTest {

    @Test
    void aRuntimeThatCannotBeResetAnyMoreLeavesTheResultsAndSaysWhyNothingWasSurveyed() {
        RunResult result = new TckRunner(new TckConfig(CannotRestart.ID, Map.of(), Profile.DOCUMENTED)).seed("7")
                .parameter(PropertySettings.TRIES, "1").run();
        assertThat(result.assertions()).as("what the specifications found").anyMatch(a -> a.outcome() == Outcome.CRASHED);
        assertThat(result.migration()).containsExactly(new MigrationNote("every call", "every replacement", "-", "-",
                "not surveyed: " + CannotRestart.WHY));
    }

    /** {@code cannot-restart}: the reference implementation, except that every reset fails as a failed restart does. */
    public static final class CannotRestart extends ReferenceVariant {
        static final String ID = "cannot-restart";
        static final String WHY = "implementation crashed: its restart failed";

        public CannotRestart() {
            super(ID, "reference implementation whose every reset fails");
        }

        @Override
        public OldBufferRuntime open(RuntimeRequest request) {
            return new ReferenceRuntime(ReferenceRuntime.functionsOf(request.profile())) {
                @Override
                public void reset() {
                    throw new RuntimeFailure(RuntimeFailure.Kind.CRASHED, WHY);
                }
            };
        }
    }
}
