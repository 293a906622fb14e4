package dev.oldbuffer.tck.run;

import dev.oldbuffer.catalogue.Assertion;
import dev.oldbuffer.results.AssertionResult;
import dev.oldbuffer.results.Failure;
import dev.oldbuffer.results.Outcome;
import dev.oldbuffer.spi.RuntimeFailure;
import dev.oldbuffer.tck.NotVerified;
import dev.oldbuffer.tck.SpecAssertion;
import dev.oldbuffer.tck.TckReporting;
import dev.oldbuffer.tck.assertions.Failures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Collects each finished test's outcome under the assertion ids it names. A test that crashed or timed out
 * the implementation counts as such, one that lacked a feature as not applicable.
 */
final class ResultCollector implements TestExecutionListener {

    private final Map<String, Outcome> outcomes = new LinkedHashMap<>();
    private final Map<String, String> details = new LinkedHashMap<>();
    private final Map<String, Failure> failures = new LinkedHashMap<>();
    /** A failed example's call transcript, published by the extension, by test. */
    private final Map<String, String> transcripts = new LinkedHashMap<>();
    private final Map<String, List<String>> tests = new LinkedHashMap<>();
    private final List<String> containerFailures = new ArrayList<>();
    private final BiConsumer<Integer, Integer> progress;
    private final AtomicInteger done = new AtomicInteger();
    private int total;

    /** @param progress called with (tests finished, tests planned) after every test */
    ResultCollector(BiConsumer<Integer, Integer> progress) {
        this.progress = progress;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        total = (int) plan.countTestIdentifiers(TestIdentifier::isTest);
        progress.accept(0, total);
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        entry.getKeyValuePairs().forEach((key, value) -> {
            if (key.equals(TckReporting.TRANSCRIPT_ENTRY)) {
                transcripts.put(id.getUniqueId(), value);
            }
        });
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest()) {
            if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                containerFailures.add(id.getDisplayName() + ": " + result.getThrowable().map(Throwable::getMessage).orElse("failed"));
            }
            return;
        }
        Optional<SpecAssertion> ids = SpecMethods.specAssertion(id.getSource());
        if (ids.isPresent()) {
            Outcome outcome = outcomeOf(result);
            String detail = result.getThrowable().map(ResultCollector::describe).orElse("");
            Failure failure = !outcome.isProblem() ? null : result.getThrowable().map(Failures::of)
                    .map(f -> f.transcript().isEmpty() ? f.withTranscript(transcripts.getOrDefault(id.getUniqueId(), "")) : f)
                    .orElse(null);
            for (String assertionId : ids.get().value()) {
                Outcome before = outcomes.get(assertionId);
                Outcome combined = before == null ? outcome : before.and(outcome);
                outcomes.put(assertionId, combined);
                if (combined != before && !detail.isEmpty()) {
                    details.put(assertionId, detail);
                    if (failure != null) {
                        failures.put(assertionId, failure);
                    }
                }
                tests.computeIfAbsent(assertionId, k -> new ArrayList<>()).add(id.getLegacyReportingName());
            }
        }
        progress.accept(done.incrementAndGet(), total);
    }

    /** Per assertion of the profile, in catalogue order; an assertion no test reported on fails. */
    List<AssertionResult> results(List<Assertion> expected) {
        List<AssertionResult> out = new ArrayList<>();
        for (Assertion a : expected) {
            Outcome o = outcomes.get(a.id());
            if (o == null) {
                String why = "no test reported on this assertion" + (containerFailures.isEmpty() ? "" : ": " + containerFailures.get(0));
                out.add(new AssertionResult(a.id(), a.function(), Outcome.FAILED, why, List.of(),
                        new Failure(Failure.Kind.ERROR, "", "", why, "", "", null)));
            } else {
                out.add(new AssertionResult(a.id(), a.function(), o, o == Outcome.PASSED ? "" : details.getOrDefault(a.id(), ""),
                        tests.getOrDefault(a.id(), List.of()), o.isProblem() ? failures.get(a.id()) : null));
            }
        }
        return out;
    }

    /** True when every expected assertion got a result and no container failed. */
    boolean complete(List<Assertion> expected) {
        return containerFailures.isEmpty() && expected.stream().allMatch(a -> outcomes.containsKey(a.id()));
    }

    List<String> containerFailures() {
        return List.copyOf(containerFailures);
    }

    static Outcome outcomeOf(TestExecutionResult result) {
        switch (result.getStatus()) {
            case SUCCESSFUL:
                return Outcome.PASSED;
            case ABORTED:
                return result.getThrowable().filter(NotVerified.class::isInstance).isPresent() ? Outcome.NOT_VERIFIED
                        : Outcome.NOT_APPLICABLE;
            default:
                Optional<RuntimeFailure> failure = RuntimeFailure.in(result.getThrowable().orElse(null));
                if (failure.isPresent()) {
                    return failure.get().kind() == RuntimeFailure.Kind.CRASHED ? Outcome.CRASHED : Outcome.TIMED_OUT;
                }
                return Outcome.FAILED;
        }
    }

    private static String describe(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        if (!(t instanceof AssertionError) && !(t instanceof RuntimeFailure) && !(t instanceof org.opentest4j.TestAbortedException)) {
            message = t.getClass().getSimpleName() + ": " + message;
        }
        return message.length() > 4000 ? message.substring(0, 4000) + "..." : message;
    }
}
