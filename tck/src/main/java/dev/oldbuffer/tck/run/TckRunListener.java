package dev.oldbuffer.tck.run;

import static org.apiguardian.api.API.Status.STABLE;

import dev.oldbuffer.tck.TckConfig;
import dev.oldbuffer.tck.TckRun;
import org.apiguardian.api.API;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Starts a {@link TckRun} from the launch's configuration parameters when a test plan starts and ends it with the plan.
 * Registered for every launcher through {@code META-INF/services} (Surefire, IDEs); {@link TckRunner} adds it itself.
 */
@API(status = STABLE, since = "0.2")
public final class TckRunListener implements TestExecutionListener {

    private TckRun run;

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        run = new TckRun(TckConfig.from(key -> plan.getConfigurationParameters().get(key)));
        run.bind();
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (run != null) {
            run.unbind();
            run.close();
            run = null;
        }
    }
}
