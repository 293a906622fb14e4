package dev.oldbuffer.tck.properties;

import static org.apiguardian.api.API.Status.STABLE;

import dev.oldbuffer.catalogue.Assertion;
import dev.oldbuffer.results.Failure;
import dev.oldbuffer.results.PropertyRun;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.OldBufferRuntime;
import dev.oldbuffer.spi.RuntimeFailure;
import dev.oldbuffer.tck.NotApplicable;
import dev.oldbuffer.tck.RequiresFeature;
import dev.oldbuffer.tck.Gate;
import dev.oldbuffer.tck.Subject;
import dev.oldbuffer.tck.TckConfig;
import dev.oldbuffer.tck.TckRun;
import dev.oldbuffer.tck.TckReporting;
import dev.oldbuffer.tck.assertions.Failures;
import dev.oldbuffer.tck.assertions.HasFailure;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.arbitraries.ArbitraryDecorator;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.AroundTryHook;
import net.jqwik.api.lifecycle.FalsifiedSample;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.Lifespan;
import net.jqwik.api.lifecycle.ParameterResolutionContext;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.ResolveParameterHook;
import net.jqwik.api.lifecycle.ShrunkFalsifiedSample;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import net.jqwik.api.lifecycle.Store;
import net.jqwik.api.lifecycle.TryExecutionResult;
import net.jqwik.api.lifecycle.TryExecutor;
import net.jqwik.api.lifecycle.TryLifecycleContext;
import net.jqwik.engine.execution.lifecycle.PlainExecutionResult;
import org.apiguardian.api.API;

/**
 * What {@link dev.oldbuffer.tck.OldBufferTck} does for Jupiter specifications, for jqwik properties (jqwik runs
 * no Jupiter extensions): register it with {@code @AddLifecycleHook(PropertyHook.class)}. It skips properties
 * whose assertions are outside the profile, reports a missing {@link RequiresFeature} as not applicable, gives
 * every try a fresh {@link Subject} on a reset implementation (a parameter {@code @ForAll Subject}, from
 * {@link #subjects()} in {@code OldBufferDomain}; without {@code @ForAll} it is resolved, more slowly), sets tries and seed from
 * {@link PropertySettings}, labels the property for Allure, and records its seed, tries, checks and shrunk
 * sample; a falsified property's failure message carries all of them, so they reach the run's results.
 */
@API(status = STABLE, since = "0.1")
public final class PropertyHook implements SkipExecutionHook, ResolveParameterHook, AroundPropertyHook, AroundTryHook {

    /** The report entry under which each property publishes how many cases it checked. */
    public static final String CHECKS_ENTRY = "oldbuffer.checks";

    /**
     * Shrinking is bounded by work, not by time (jqwik's own bound is in seconds, which made the shrunk sample, and so
     * the regression baselines, depend on the machine's speed): at most this many shrinking tries per property...
     */
    public static final int SHRINKING_TRIES = 150;
    /**
     * ...and at most this many of them that crash the implementation (each crash restarts it). A shrinking try that
     * times out ends shrinking at once: every further one could cost the whole time-out again.
     */
    public static final int SHRINKING_CRASHES = 3;
    /** ...and at most this many candidates considered, tried or not (jqwik skips many without a try). */
    public static final int SHRINKING_CANDIDATES = 1_000;

    private static final Object RUN = Tuple.of(PropertyHook.class, "run");
    private static final ThreadLocal<Subject> CURRENT = new ThreadLocal<>();

    /** The subject of the try running on this thread, for the state suppliers of action chains. */
    public static Subject currentSubject() {
        Subject s = CURRENT.get();
        if (s == null) {
            throw new IllegalStateException("no try is running: declare a Subject parameter on the property");
        }
        return s;
    }

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        Optional<AnnotatedElement> element = context.optionalElement();
        if (element.isEmpty() || !(element.get() instanceof Method method)) {
            return SkipResult.doNotSkip();
        }
        return Gate.outsideProfile(method, TckRun.current().config().profile()).map(SkipResult::skip)
                .orElseGet(SkipResult::doNotSkip);
    }

    /**
     * The subject of each try, for a property's {@code @ForAll Subject} parameter. A parameter without {@code @ForAll}
     * works too ({@link #resolve}), but jqwik looks for {@code @ForAll} on it at every try, through the JDK's reflection,
     * which parses the method's parameter annotations anew each time, and builds its type again: 15% of a run against
     * the reference.
     * The other parameters' samples, edge cases and shrinking stay what they were without it: the subject is one
     * unshrinkable value with one edge case (so the product of the parameters' edge cases is unchanged), and its
     * generator draws nothing from the random source (a generator with edge cases mixed in would draw a number per try).
     */
    public static Arbitrary<Subject> subjects() {
        return new Subjects();
    }

    private static final class Subjects extends ArbitraryDecorator<Subject> {
        @Override
        protected Arbitrary<Subject> arbitrary() {
            return Arbitraries.create(PropertyHook::subject);
        }

        @Override
        public RandomGenerator<Subject> generator(int genSize, boolean withEdgeCases) {
            return generator(genSize);
        }
    }

    @Override
    public Optional<ParameterSupplier> resolve(ParameterResolutionContext parameter, LifecycleContext context) {
        if (parameter.typeUsage().getRawType() != Subject.class) {
            return Optional.empty();
        }
        return Optional.of(optionalTry -> subject());
    }

    /**
     * Made for every candidate jqwik considers, also those it never tries: only make the subject here; the try resets
     * the implementation (aroundTry).
     */
    private static Subject subject() {
        Run run = Store.<Run>get(RUN).get();
        if (run.falsified && ++run.shrinkingCandidates > SHRINKING_CANDIDATES) {
            throw new ShrinkingBound();   // jqwik's walk over a stateful chain's candidates can take minutes
        }
        return new Subject(run.runtime, run.config.profile(), run.assertions);
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        Method method = context.targetMethod();
        List<Assertion> assertions = Gate.assertionsOf(method);
        TckConfig config = TckRun.current().config();
        OldBufferRuntime runtime = TckRun.current().runtime();
        Run run = Store.create(RUN, Lifespan.PROPERTY, () -> new Run(config, runtime, assertions)).get();
        TckReporting.label(assertions, config, runtime.info());
        Optional<NotApplicable> missing = Gate.missingFeatures(method, runtime);
        if (missing.isPresent()) {
            // thrown from here jqwik would report a failure: answer "aborted" without running a try, in the engine's own
            // result type (jqwik logs a warning for any other implementation)
            return PlainExecutionResult.aborted(missing.get(), (String) null);
        }

        PropertySettings settings = config.properties();
        int cost = Optional.ofNullable(method.getAnnotation(TryCost.class)).map(TryCost::value).orElse(1);
        context.attributes().setTries(settings.triesFor(cost));
        settings.seed().ifPresent(context.attributes()::setSeed);

        PropertyExecutionResult result;
        try {
            result = property.execute();
        } finally {
            CURRENT.remove();
        }
        String seed = result.seed().orElse("unknown");
        TckReporting.parameter("seed", seed);
        TckReporting.parameter("tries", result.countTries());
        TckReporting.parameter("checks", result.countChecks());
        context.reporter().publishValue(CHECKS_ENTRY, Integer.toString(result.countChecks()));
        if (result.status() != PropertyExecutionResult.Status.FAILED) {
            return result;
        }
        boolean cut = result.throwable().filter(ShrinkingBound.class::isInstance).isPresent();
        Optional<? extends FalsifiedSample> sample = result.shrunkSample().isPresent() ? result.shrunkSample() : result.originalSample();
        String shown = cut ? run.lastSample : sample.map(f -> describe(f.parameters())).orElse("none");
        Throwable cause = cut ? run.lastCause : sample.flatMap(FalsifiedSample::falsifyingError).or(result::throwable).orElse(null);
        int steps = cut ? run.shrinkingSteps : result.shrunkSample().map(ShrunkFalsifiedSample::countShrinkingSteps).orElse(0);
        String bound = !cut ? ""
                : run.shrinkingCrashes >= SHRINKING_CRASHES ? "shrinking stopped: the implementation crashed or hung"
                : "shrinking stopped at the kit's bound of " + SHRINKING_TRIES + " tries or " + SHRINKING_CANDIDATES + " candidates";
        TckReporting.attach("shrunk sample", shown);
        if (run.failingTranscript != null) {
            TckReporting.attach("call transcript", run.failingTranscript);
        }
        PropertyRun found = new PropertyRun(seed, result.countTries(), result.countChecks(), steps, shown, bound);
        Failure failure = (cause == null ? new Failure(Failure.Kind.VIOLATION, "", "", "falsified", "", "", null) : Failures.of(cause))
                .withProperty(found).withTranscript(run.failingTranscript == null ? "" : run.failingTranscript);
        return result.mapToFailed(new PropertyFalsified(message(cause, found), cause, failure));
    }

    /**
     * Every try after the first falsified one is a shrinking try (jqwik shrinks in the calling thread, in FULL mode).
     * Once a bound is reached the next candidate ends shrinking by throwing {@link ShrinkingBound}, which jqwik passes
     * up as the property's failure; {@link #aroundProperty} then reports the last falsified try it recorded here. (A
     * candidate answered "invalid" instead does not end shrinking: jqwik goes on walking a stateful chain's candidates
     * for many minutes.)
     */
    @Override
    public TryExecutionResult aroundTry(TryLifecycleContext context, TryExecutor aTry, List<Object> parameters) {
        Run run = Store.<Run>get(RUN).get();
        if (run.falsified) {
            if (run.shrinkingTries >= SHRINKING_TRIES || run.shrinkingCrashes >= SHRINKING_CRASHES) {
                throw new ShrinkingBound();
            }
            run.shrinkingTries++;
        }
        // each try starts on a reset implementation with a fresh transcript
        run.runtime.reset();
        Optional<Subject> subject = parameters.stream().filter(Subject.class::isInstance).map(Subject.class::cast).findFirst();
        subject.ifPresent(CURRENT::set);
        TryExecutionResult result = settled(aTry.execute(parameters), subject);
        if (result.isFalsified()) {
            Optional<RuntimeFailure> failure = result.throwable().flatMap(RuntimeFailure::in);
            if (failure.isPresent()) {
                boolean hung = failure.get().kind() == RuntimeFailure.Kind.TIMED_OUT;
                run.shrinkingCrashes += hung ? SHRINKING_CRASHES : run.falsified ? 1 : 0;
            }
            if (run.falsified) {
                run.shrinkingSteps++;
            }
            run.falsified = true;
            run.lastSample = describe(parameters);
            run.lastCause = result.throwable().orElse(null);
            // the last falsified try is the shrunk sample once shrinking ends: keep what it did
            subject.ifPresent(s -> run.failingTranscript = s.transcript());
        }
        return result;
    }

    /**
     * A try is over once what it asked for is done: what the runtime did after answering early may still fail it. A try
     * that failed already is settled too, so that nothing it left in flight is reported by the next; its own failure
     * stands.
     */
    private static TryExecutionResult settled(TryExecutionResult result, Optional<Subject> subject) {
        if (subject.isEmpty()) {
            return result;
        }
        try {
            subject.get().settle();
            return result;
        } catch (AssertionError | RuntimeException e) {
            return result.isFalsified() ? result : TryExecutionResult.falsified(e);
        }
    }

    private static String message(Throwable cause, PropertyRun found) {
        String what = cause == null ? "falsified"
                : cause instanceof AssertionError || cause instanceof RuntimeFailure ? String.valueOf(cause.getMessage())
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return what + "\nFalsified after " + found.tries() + " tries (" + found.checks() + " checks), seed " + found.seed()
                + " (rerun with -D" + PropertySettings.SEED + "=" + found.seed() + ")"
                + "\nShrunk sample (" + found.shrinkingSteps() + " shrinking steps"
                + (found.shrinkingBound().isEmpty() ? "" : "; " + found.shrinkingBound()) + "): " + found.sample();
    }

    /** The generated parameters as a person reads them: recipes by their Python spelling; the subject left out. */
    private static String describe(List<Object> parameters) {
        return parameters.stream().filter(p -> !(p instanceof Subject))
                .map(p -> p instanceof Fixture f ? f.describe() + " = " + f : p instanceof byte[] b ? "bytes of length " + b.length
                        : String.valueOf(p))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** One property's execution: what every try works with, and what the last falsified try did. */
    private static final class Run {
        final TckConfig config;
        final OldBufferRuntime runtime;
        final List<Assertion> assertions;
        String failingTranscript;
        /** Whether a try failed: every try after it is a shrinking try. */
        boolean falsified;
        int shrinkingTries;
        int shrinkingCandidates;
        int shrinkingCrashes;
        int shrinkingSteps;
        /** The last falsified try's parameters and failure. */
        String lastSample = "none";
        Throwable lastCause;

        Run(TckConfig config, OldBufferRuntime runtime, List<Assertion> assertions) {
            this.config = config;
            this.runtime = runtime;
            this.assertions = assertions;
        }
    }

    /** Ends shrinking at the kit's bound; never reaches a report (see {@link #aroundTry}). */
    static final class ShrinkingBound extends RuntimeException {
        ShrinkingBound() {
            super("shrinking bound reached", null, false, false);
        }
    }

    /** A falsified property: the failure of its shrunk sample plus the seed, tries and sample to reproduce it. */
    static final class PropertyFalsified extends AssertionError implements HasFailure {
        private final transient Failure failure;

        PropertyFalsified(String message, Throwable cause, Failure failure) {
            super(message, cause);
            this.failure = failure;
        }

        @Override
        public Failure failure() {
            return failure;
        }
    }
}
