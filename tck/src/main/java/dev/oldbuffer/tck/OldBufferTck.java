package dev.oldbuffer.tck;

import static org.apiguardian.api.API.Status.STABLE;

import dev.oldbuffer.catalogue.Assertion;
import dev.oldbuffer.catalogue.Catalogue;
import dev.oldbuffer.catalogue.Profile;
import dev.oldbuffer.spi.OldBufferRuntime;
import io.qameta.allure.Allure;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import java.lang.reflect.Method;
import java.util.ArrayList;
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

/**
 * The JUnit extension behind every specification class: opens the selected implementation once per run,
 * resets it before each test, skips assertions outside the selected profile, turns a missing feature into
 * "not applicable", labels the test for Allure and attaches the call transcript when it fails.
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
        Profile profile = config(context).profile();
        List<Assertion> known = assertionsOf(method.get(), false);
        if (!known.isEmpty() && known.stream().noneMatch(a -> a.appliesTo(profile))) {
            return ConditionEvaluationResult.disabled("assertion " + known.get(0).id() + " is not part of profile " + profile);
        }
        return ConditionEvaluationResult.enabled("in profile " + profile);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        List<Assertion> assertions = assertionsOf(method, true);
        TckConfig config = config(context);
        OldBufferRuntime runtime = Sessions.runtime(config);
        runtime.reset();
        Subject subject = new Subject(runtime, config.profile(), assertions);
        context.getStore(NS).put(Subject.class, subject);
        label(assertions, config, runtime);
        RequiresFeature required = method.getAnnotation(RequiresFeature.class);
        if (required != null) {
            subject.require(required.value());
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
        if (subject != null && context.getExecutionException().isPresent() && allureRunning()) {
            Allure.addAttachment("call transcript", "text/plain", subject.transcript());
        }
    }

    /** The catalogue entries a method names; with {@code strict}, an unknown id fails the test. */
    static List<Assertion> assertionsOf(Method method, boolean strict) {
        SpecAssertion ids = method.getAnnotation(SpecAssertion.class);
        List<Assertion> out = new ArrayList<>();
        if (ids == null) {
            if (strict) {
                throw new IllegalStateException(method.getName() + " has no @SpecAssertion");
            }
            return out;
        }
        for (String id : ids.value()) {
            Optional<Assertion> a = Catalogue.bundled().find(id);
            if (a.isPresent()) {
                out.add(a.get());
            } else if (strict) {
                throw new IllegalStateException(method.getName() + " names assertion '" + id + "', which is not in the catalogue");
            }
        }
        return out;
    }

    private static TckConfig config(ExtensionContext context) {
        return Sessions.config(context::getConfigurationParameter);
    }

    private static boolean allureRunning() {
        return Allure.getLifecycle().getCurrentTestCase().isPresent();
    }

    private static void label(List<Assertion> assertions, TckConfig config, OldBufferRuntime runtime) {
        if (!allureRunning() || assertions.isEmpty()) {
            return;
        }
        Assertion first = assertions.get(0);
        Allure.getLifecycle().updateTestCase(tc -> {
            tc.getLabels().add(new Label().setName("epic").setValue(first.function().cName()));
            tc.getLabels().add(new Label().setName("feature").setValue(first.topic()));
            for (Assertion a : assertions) {
                tc.getLabels().add(new Label().setName("story").setValue(a.id()));
            }
            tc.getLabels().add(new Label().setName("tag").setValue("profile:" + config.profile()));
            tc.getLinks().add(new Link().setName(first.source().toString()).setUrl(first.source().url()).setType("link"));
            tc.setDescription(assertions.stream().map(a -> a.id() + ": " + a.requirement()).reduce((x, y) -> x + "\n\n" + y).orElse(""));
        });
        Allure.parameter("profile", config.profile().id());
        Allure.parameter("implementation", runtime.info().toString());
    }
}
