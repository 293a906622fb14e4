package dev.oldbuffer.reports;

import dev.oldbuffer.catalogue.Assertion;
import dev.oldbuffer.catalogue.Catalogue;
import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.results.AssertionResult;
import dev.oldbuffer.results.Failure;
import dev.oldbuffer.results.Outcome;
import dev.oldbuffer.results.RunResult;
import dev.oldbuffer.tck.assertions.SpecViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Run results built by hand: every assertion of a profile passes (or is not verified) except the given ones. */
final class Runs {

    private Runs() {
    }

    static RunResult run(String runtime, Profile profile, boolean complete, Map<String, AssertionResult> exceptions) {
        List<AssertionResult> results = new ArrayList<>();
        for (Assertion a : Catalogue.bundled().of(profile)) {
            results.add(exceptions.getOrDefault(a.id(), a.testable()
                    ? new AssertionResult(a.id(), a.function(), Outcome.PASSED, "", List.of(a.id() + " test"), null)
                    : new AssertionResult(a.id(), a.function(), Outcome.NOT_VERIFIED, "not verified: " + a.note(), List.of(), null)));
        }
        return new RunResult("0.1.0-test", Catalogue.bundled().version(), runtime.split(" ")[0].toLowerCase(),
                Map.of(), runtime, Map.of(), profile.id(), "42", "17.0.15", "2025-03-01T10:15:30Z", 1234, complete, results);
    }

    /** A failed result as the kit writes it for a violation its factory made. */
    static AssertionResult failed(String id, SpecViolation violation) {
        return new AssertionResult(id, Catalogue.bundled().get(id).function(), Outcome.FAILED, violation.getMessage(),
                List.of(id + " test"), violation.failure());
    }

    /** A result as the kit writes it: a problem carries its failure as fields, the observed value its detail's last line. */
    static AssertionResult outcome(String id, Outcome outcome, String detail) {
        Failure failure = !outcome.isProblem() ? null : new Failure(outcome == Outcome.FAILED ? Failure.Kind.VIOLATION
                : outcome == Outcome.CRASHED ? Failure.Kind.CRASH : Failure.Kind.TIMEOUT, "", "",
                detail.lines().reduce((a, b) -> b).orElse("").strip(), "", "", null);
        return new AssertionResult(id, Catalogue.bundled().get(id).function(), outcome, detail, List.of(id + " test"), failure);
    }
}
