package dev.oldbuffer.tck.run;

import static org.apiguardian.api.API.Status.STABLE;

import dev.oldbuffer.spi.OldBufferRuntime;
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
    /** The implementation {@link TckRunner} opened for the run, or null: the run opens one on first use. */
    private final OldBufferRuntime opened;

    /** For launchers that find the listener themselves ({@code META-INF/services}): the run opens its implementation. */
    public TckRunListener() {
        this(null);
    }

    /** For a run on an implementation the caller opened and closes. */
    TckRunListener(OldBufferRuntime opened) {
        this.opened = opened;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        TckConfig config = TckConfig.from(key -> plan.getConfigurationParameters().get(key));
        run = opened == null ? new TckRun(config) : new TckRun(config, opened);
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
