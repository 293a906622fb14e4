package dev.oldbuffer.cli;

import dev.oldbuffer.spi.RuntimeFailure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Tells crashes and time-outs of the implementation apart in Allure's results. Allure reports both as "broken"
 * with whatever message the implementation gave, so this listener (registered before Allure's, while the test
 * case is still open) notes which test hit a {@link RuntimeFailure}, and as the results writer it prefixes that
 * test's message with {@value #CRASHED} or {@value #TIMED_OUT}, which {@code categories.json} matches.
 */
final class RuntimeFailureMarker implements TestExecutionListener, AllureResultsWriter {

    static final String CRASHED = "implementation crashed: ";
    static final String TIMED_OUT = "implementation timed out: ";

    private final AllureResultsWriter delegate;
    private final Map<String, RuntimeFailure.Kind> kinds = new ConcurrentHashMap<>();
    private AllureLifecycle lifecycle;

    RuntimeFailureMarker(AllureResultsWriter delegate) {
        this.delegate = delegate;
    }

    /** The lifecycle that writes through this marker (it exists only after the marker). */
    void observe(AllureLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Optional<RuntimeFailure> failure = RuntimeFailure.in(result.getThrowable().orElse(null));
        if (id.isTest() && failure.isPresent() && lifecycle != null) {
            lifecycle.getCurrentTestCase().ifPresent(uuid -> kinds.put(uuid, failure.get().kind()));
        }
    }

    @Override
    public void write(TestResult result) {
        RuntimeFailure.Kind kind = kinds.remove(result.getUuid());
        if (kind != null) {
            StatusDetails details = result.getStatusDetails() == null ? new StatusDetails() : result.getStatusDetails();
            String message = details.getMessage() == null ? "" : details.getMessage();
            String prefix = kind == RuntimeFailure.Kind.CRASHED ? CRASHED : TIMED_OUT;
            result.setStatusDetails(details.setMessage(message.startsWith(prefix) ? message : prefix + message));
            result.setStatus(Status.BROKEN);
        }
        delegate.write(result);
    }

    @Override
    public void write(TestResultContainer container) {
        delegate.write(container);
    }

    @Override
    public void write(String source, InputStream attachment) {
        delegate.write(source, attachment);
    }
}
