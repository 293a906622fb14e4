package dev.oldbuffer.tck.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.oldbuffer.results.Baseline;
import dev.oldbuffer.tck.TckConfig;
import dev.oldbuffer.tck.properties.PropertySettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The Maven route of the regression suite, launched as Surefire launches it (configuration from properties): it records
 * a baseline of the reference implementation, passes against it, and fails against a broken implementation with the
 * grouped changes.
 */
class RegressionSuiteTest {

    @TempDir
    Path dir;

    @Test
    void recordsComparesAndFailsWithTheGroupedChanges() throws Exception {
        Path baseline = dir.resolve("reference-documented.txt");
        TestExecutionSummary recorded = launch(Map.of("oldbuffer.implementation", "reference",
                RegressionSuite.WRITE_BASELINE, baseline.toString(), PropertySettings.TRIES, "60", PropertySettings.SEED, "7"));
        assertThat(recorded.getTestsSucceededCount()).isEqualTo(1);
        assertThat(Baseline.read(baseline).tries()).isEqualTo(60);
        assertThat(Baseline.read(baseline).seed()).isEqualTo("7");

        TestExecutionSummary same = launch(Map.of("oldbuffer.implementation", "reference", RegressionSuite.BASELINE, baseline.toString()));
        assertThat(same.getTestsSucceededCount()).as("nothing moved").isEqualTo(1);

        TestExecutionSummary broken = launch(Map.of("oldbuffer.implementation", "broken-length-in-items",
                RegressionSuite.BASELINE, baseline.toString()));
        assertThat(broken.getTestsFailedCount()).isEqualTo(1);
        String why = broken.getFailures().get(0).getException().getMessage();
        assertThat(why).startsWith("compared with baseline " + baseline + " (reference 0.1.0, documented, seed 7)")
                .contains("new failures (").contains("  char03  passed -> failed: 3");
    }

    @Test
    void withoutABaselineItSaysWhatItNeeds() {
        TestExecutionSummary none = launch(Map.of());
        assertThat(none.getFailures().get(0).getException().getMessage())
                .isEqualTo("RegressionSuite needs -Doldbuffer.baseline=FILE (or -Doldbuffer.writeBaseline=FILE to record one)");
    }

    private static TestExecutionSummary launch(Map<String, String> parameters) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(RegressionSuite.class))
                .configurationParameters(parameters).configurationParameter(TckConfig.PROFILE, "documented").build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, summary);
        return summary.getSummary();
    }
}
