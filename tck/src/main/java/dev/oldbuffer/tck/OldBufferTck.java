package dev.oldbuffer.tck;

import static org.apiguardian.api.API.Status.STABLE;

import dev.oldbuffer.catalogue.Assertion;
import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.spi.OldBufferRuntime;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * The JUnit extension behind every specification class: takes the implementation of the current {@link TckRun},
 * resets it before each test, lets the {@link Gate} leave out assertions of other profiles and turn a missing
 * feature into "not applicable", labels the test for Allure and attaches the call transcript when it fails.
 */
@API(status = STABLE, since = "0.1")
public final class OldBufferTck implements ExecutionCondition, BeforeEachCallback, ParameterResolver,
        AfterTestExecutionCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(OldBufferTck.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<Method> method = context.getTestMethod();
        if (method.isEmpty()) {
            return ConditionEvaluationResult.enabled("class level");
        }
        Profile profile = TckRun.current().config().profile();
        return Gate.outsideProfile(method.get(), profile).map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("in profile " + profile));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        List<Assertion> assertions = Gate.assertionsOf(method);
        TckRun run = TckRun.current();
        OldBufferRuntime runtime = run.runtime();
        runtime.reset();
        Subject subject = new Subject(runtime, run.config().profile(), assertions);
        context.getStore(NS).put(Subject.class, subject);
        TckReporting.label(assertions, run.config(), runtime.info());
        Optional<NotApplicable> missing = Gate.missingFeatures(method, runtime);
        if (missing.isPresent()) {
            throw missing.get();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Subject.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NS).get(Subject.class, Subject.class);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Subject subject = context.getStore(NS).get(Subject.class, Subject.class);
        if (subject != null) {   // a test is over once what it asked for is done, failed or not: nothing crosses into the next
            try {
                subject.settle();
            } catch (AssertionError | RuntimeException e) {
                if (context.getExecutionException().isEmpty()) {
                    throw e;
                }   // the test's own failure stands
            }
        }
        boolean failed = context.getExecutionException().filter(e -> !(e instanceof TestAbortedException)).isPresent();
        if (subject != null && failed && !subject.transcript().isBlank()) {
            TckReporting.attach("call transcript", subject.transcript());
            context.publishReportEntry(TckReporting.TRANSCRIPT_ENTRY, subject.transcript());
        }
    }
}
