package dev.oldbuffer.tck;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.catalogue.Assertion;
import dev.oldbuffer.spi.RuntimeInfo;
import io.qameta.allure.Allure;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What the Jupiter extension ({@link OldBufferTck}) and the jqwik hook
 * ({@link dev.oldbuffer.tck.properties.PropertyHook}) share for reports: the Allure labels, parameters and
 * attachments of a test.
 */
@API(status = INTERNAL, since = "0.1")
public final class TckReporting {

    /** The report entry under which a failed example publishes its call transcript, for the run's results. */
    public static final String TRANSCRIPT_ENTRY = "oldbuffer.transcript";

    private TckReporting() {
    }

    /** True while Allure records a test case on this thread (its JUnit Platform listener is active). */
    public static boolean allureRunning() {
        return Allure.getLifecycle().getCurrentTestCase().isPresent();
    }

    /** Function as epic, topic as feature, each id as story, the profile as tag, a link to the page. */
    public static void label(List<Assertion> assertions, TckConfig config, RuntimeInfo runtime) {
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
        Allure.parameter("implementation", runtime.toString());
    }

    /** A parameter of the current Allure test case; nothing when Allure is not recording. */
    public static void parameter(String name, Object value) {
        if (allureRunning()) {
            Allure.parameter(name, value);
        }
    }

    /** A text attachment of the current Allure test case; nothing when Allure is not recording. */
    public static void attach(String name, String text) {
        if (allureRunning()) {
            Allure.addAttachment(name, "text/plain", text);
        }
    }
}
