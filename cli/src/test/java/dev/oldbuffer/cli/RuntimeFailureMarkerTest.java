package dev.oldbuffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oldbuffer.spi.RuntimeFailure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.jupiter.api.Test;

/** Crashes and time-outs get the message prefixes that categories.json tells apart; other failures keep theirs. */
class RuntimeFailureMarkerTest {

    private final List<TestResult> written = new ArrayList<>();
    private final RuntimeFailureMarker marker = new RuntimeFailureMarker(new AllureResultsWriter() {
        @Override
        public void write(TestResult result) {
            written.add(result);
        }

        @Override
        public void write(TestResultContainer container) {
        }

        @Override
        public void write(String source, InputStream attachment) {
        }
    });
    private final AllureLifecycle lifecycle = new AllureLifecycle(marker);

    RuntimeFailureMarkerTest() {
        marker.observe(lifecycle);
    }

    private TestResult finish(String uuid, Throwable thrown, Status status) {
        lifecycle.scheduleTestCase(new TestResult().setUuid(uuid).setName(uuid));
        lifecycle.startTestCase(uuid);
        marker.executionFinished(TestIdentifier.from(new AbstractTestDescriptor(UniqueId.forEngine("e").append("t", uuid), uuid) {
            @Override
            public Type getType() {
                return Type.TEST;
            }
        }), TestExecutionResult.failed(thrown));
        // what Allure's own listener does next
        lifecycle.updateTestCase(uuid, r -> r.setStatus(status).setStatusDetails(new StatusDetails().setMessage(thrown.getMessage())));
        lifecycle.stopTestCase(uuid);
        lifecycle.writeTestCase(uuid);
        return written.get(written.size() - 1);
    }

    @Test
    void aCrashIsMarked() {
        TestResult r = finish("a", new RuntimeFailure(RuntimeFailure.Kind.CRASHED, "signal 11"), Status.BROKEN);
        assertThat(r.getStatusDetails().getMessage()).isEqualTo("implementation crashed: signal 11");
        assertThat(r.getStatus()).isEqualTo(Status.BROKEN);
    }

    @Test
    void aTimeOutIsMarkedEvenWhenWrapped() {
        TestResult r = finish("b", new AssertionError("call failed",
                new RuntimeFailure(RuntimeFailure.Kind.TIMED_OUT, "no answer in 10 s")), Status.FAILED);
        assertThat(r.getStatusDetails().getMessage()).isEqualTo("implementation timed out: call failed");
        assertThat(r.getStatus()).isEqualTo(Status.BROKEN);
    }

    @Test
    void aDeviationIsLeftAlone() {
        TestResult r = finish("c", new AssertionError("expected 0, was -1"), Status.FAILED);
        assertThat(r.getStatusDetails().getMessage()).isEqualTo("expected 0, was -1");
        assertThat(r.getStatus()).isEqualTo(Status.FAILED);
    }
}
