package dev.oldbuffer.tck.run;

import static org.apiguardian.api.API.Status.STABLE;

import dev.oldbuffer.results.Baseline;
import dev.oldbuffer.results.BaselineComparison;
import dev.oldbuffer.results.RunResult;
import dev.oldbuffer.tck.TckConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The regression suite from a third party's Maven build: with Surefire's {@code dependenciesToScan} on the tck jar,
 * include {@code **}{@code /RegressionSuite.java} and name the baseline with {@value #BASELINE} (the implementation,
 * options and profile as for the specifications). The test runs the whole kit, as {@code run --baseline} does, and
 * fails with the same grouped message when anything moved; {@value #WRITE_BASELINE} records one instead.
 */
@API(status = STABLE, since = "0.2")
@ExtendWith(RegressionSuite.Parameters.class)
public class RegressionSuite {

    /** The baseline to hold the run to. */
    public static final String BASELINE = "oldbuffer.baseline";
    /** {@code true}: a new pass does not fail the run. */
    public static final String ALLOW_PROGRESS = "oldbuffer.allowProgress";
    /** Records the run as a baseline in this file. */
    public static final String WRITE_BASELINE = "oldbuffer.writeBaseline";

    /** The launch's configuration parameters (which fall back to system properties), for the test method. */
    public interface Lookup {
        Optional<String> get(String key);
    }

    /** Gives the test its {@link Lookup}. */
    static final class Parameters implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Lookup.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return (Lookup) context::getConfigurationParameter;
        }
    }

    @Test
    void theRunMatchesItsBaseline(Lookup context) throws IOException {
        Optional<String> baseline = context.get(BASELINE);
        Optional<String> write = context.get(WRITE_BASELINE);
        if (baseline.isEmpty() && write.isEmpty()) {
            Assertions.fail("RegressionSuite needs -D" + BASELINE + "=FILE (or -D" + WRITE_BASELINE + "=FILE to record one)");
        }
        TckConfig config = TckConfig.from(context::get);
        TckRunner runner = new TckRunner(new TckConfig(config.implementation(), config.options(), config.profile()));
        config.properties().toParameters().forEach(runner::parameter);
        Baseline expected = baseline.map(Path::of).map(Baseline::read).orElse(null);
        if (expected != null) {
            Regression.checkFits(expected, baseline.get(), config.profile());
            Regression.repeat(runner, expected, config.properties().seed().isPresent(),
                    context.get(dev.oldbuffer.tck.properties.PropertySettings.TRIES).isPresent());
        }
        RunResult result = runner.run();
        Assertions.assertTrue(result.complete(), () -> "the run was cut short: " + result.runtimeDetails());
        if (write.isPresent()) {
            Regression.record(result, runner).write(Path.of(write.get()));
        }
        if (expected != null) {
            boolean allow = context.get(ALLOW_PROGRESS).map(Boolean::parseBoolean).orElse(false);
            BaselineComparison comparison = Regression.compare(expected, result, runner);
            System.out.print(comparison.report(baseline.get(), allow));
            if (comparison.moved(allow)) {
                Assertions.fail(comparison.report(baseline.get(), allow));
            }
        }
    }
}
