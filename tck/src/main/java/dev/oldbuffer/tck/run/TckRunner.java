package dev.oldbuffer.tck.run;

import static org.apiguardian.api.API.Status.STABLE;

import dev.oldbuffer.catalogue.Assertion;
import dev.oldbuffer.catalogue.Catalogue;
import dev.oldbuffer.results.MigrationNote;
import dev.oldbuffer.results.RunResult;
import dev.oldbuffer.tck.migration.MigrationSurvey;
import dev.oldbuffer.spi.Implementations;
import dev.oldbuffer.spi.OldBufferRuntime;
import dev.oldbuffer.spi.RuntimeInfo;
import dev.oldbuffer.spi.RuntimeProvider;
import dev.oldbuffer.tck.TckConfig;
import dev.oldbuffer.tck.TckRun;
import dev.oldbuffer.tck.properties.PropertySettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apiguardian.api.API;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs every specification of the selected profile against one implementation, in process, through the
 * JUnit Platform Launcher, and returns the per-assertion result. Used by the command line and by the
 * kit's own tests.
 */
@API(status = STABLE, since = "0.1")
public final class TckRunner {

    /** The packages holding specifications: the examples, and the property-based and stateful ones. */
    public static final List<String> SPEC_PACKAGES = List.of("dev.oldbuffer.tck.spec", "dev.oldbuffer.tck.properties");

    /**
     * jqwik's engine logs at INFO, on the console, that its failure database is off, once per run: the kit turns it off
     * on purpose (junit-platform.properties), so a run, the command line's or an embedder's, should not say so.
     * Kept in a field: java.util.logging holds loggers weakly, and a level set on a collected one is lost.
     */
    private static final Logger JQWIK_CONFIGURATION =
            Logger.getLogger("net.jqwik.engine.JqwikConfiguration");   // the logger DefaultJqwikConfiguration logs to

    static {
        JQWIK_CONFIGURATION.setLevel(Level.WARNING);
    }

    private final TckConfig config;
    private final List<TestExecutionListener> listeners = new ArrayList<>();
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private BiConsumer<Integer, Integer> progress = (done, total) -> { };
    private String seed = "";

    public TckRunner(TckConfig config) {
        this.config = config;
    }

    /** Adds a listener (Allure, JUnit XML, ...) to the run. */
    public TckRunner listener(TestExecutionListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Adds a JUnit configuration parameter (e.g. jqwik settings). */
    public TckRunner parameter(String key, String value) {
        parameters.put(key, value);
        return this;
    }

    /** Called with (tests finished, tests planned). */
    public TckRunner progress(BiConsumer<Integer, Integer> progress) {
        this.progress = progress;
        return this;
    }

    /**
     * The seed every property of the run uses (a whole number), stamped on the result. Without it the runner takes
     * {@value PropertySettings#SEED} from its parameters or the system properties, else draws one.
     */
    public TckRunner seed(String seed) {
        this.seed = seed;
        return this;
    }

    /** How hard the properties try in this run: from its parameters, else the system properties, else the defaults. */
    public PropertySettings settings() {
        return PropertySettings.from(
                key -> Optional.ofNullable(parameters.get(key)).or(() -> Optional.ofNullable(System.getProperty(key))));
    }

    /**
     * Opens the implementation, which checks the selection and gives its name and version, runs the specifications on
     * it, then surveys it for the migration notes.
     *
     * @throws dev.oldbuffer.spi.ImplementationUnavailableException for an unknown id, a bad option, or an
     *         implementation that cannot start; nothing has run then
     */
    public RunResult run() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        RuntimeProvider provider = Implementations.find(config.implementation(), loader);
        List<Assertion> expected = Catalogue.bundled().of(config.profile());
        ResultCollector collector = new ResultCollector(progress);
        PropertySettings properties = settings();
        String runSeed = !seed.isEmpty() ? seed : properties.seed().orElseGet(() -> Long.toString(new SplittableRandom().nextLong()));
        TckConfig run = config.with(properties.withSeed(runSeed));
        // the run's configuration last: it is the one the engines read back (TckRunListener)
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .filters(new ProfileFilter(config.profile()))
                .configurationParameters(parameters)
                .configurationParameters(run.toParameters());
        request.selectors(SpecClasses.selectors());
        LauncherDiscoveryRequest discovery = request.build();
        // Listeners are given explicitly: auto-registered ones (e.g. Allure's) would write where the JVM happens to run.
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        RuntimeInfo info;
        List<MigrationNote> migration;
        Instant start;
        long millis;
        // One implementation for the whole run: opened first, so that a selection that cannot start fails before anything
        // runs; the specifications run on it as it started; the migration survey runs on it after them. (Surveying first
        // in an interpreter of its own cost each run a second start: seconds on GraalPy and Pyodide.)
        OldBufferRuntime runtime = Implementations.open(provider, config.options(), config.profile());
        try {
            info = runtime.info();
            start = Instant.now();
            List<TestExecutionListener> all = new ArrayList<>();
            all.add(new TckRunListener(runtime));
            all.addAll(listeners);
            all.add(collector);
            launcher.execute(discovery, all.toArray(TestExecutionListener[]::new));
            millis = Duration.between(start, Instant.now()).toMillis();
            migration = surveyAfterTheSpecifications(runtime);
        } finally {
            TckRun.closeBestEffort(runtime);
        }
        Map<String, String> details = new LinkedHashMap<>(info.details());
        // one line: results.json keeps details as names, without line breaks
        collector.containerFailures().forEach(f -> details.merge("run errors", f.replaceAll("\\s+", " "), (a, b) -> a + "; " + b));
        details.computeIfPresent("run errors", (k, v) -> v.length() > 900 ? v.substring(0, 900) + "..." : v);
        return new RunResult(KitVersion.get(), Catalogue.bundled().version(), config.implementation(), config.options(),
                info.toString(), details, config.profile().id(), runSeed, System.getProperty("java.version"),
                start.toString(), millis, collector.complete(expected), collector.results(expected), migration);
    }

    /**
     * The migration notes, from the interpreter the specifications ran on, reset first so that their last objects are
     * gone. A runtime that can no longer be reset or surveyed (its restart failed) gives one note saying so: the run's
     * results stand.
     */
    private static List<MigrationNote> surveyAfterTheSpecifications(OldBufferRuntime runtime) {
        try {
            runtime.reset();
            return MigrationSurvey.survey(runtime);
        } catch (RuntimeException e) {
            return List.of(new MigrationNote("every call", "every replacement", "-", "-",
                    "not surveyed: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
        }
    }
}
