package dev.oldbuffer.results;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * One assertion's outcome in a run.
 *
 * @param id       the catalogue id
 * @param function the C function name
 * @param outcome  the combined outcome of the assertion's tests
 * @param detail   for a problem: the first failure's message (what was observed); for not applicable: the
 *                 reason; empty when passed
 * @param tests    the display names of the tests that checked it
 */
@API(status = STABLE, since = "0.1")
public record AssertionResult(String id, String function, Outcome outcome, String detail, List<String> tests) {
    public AssertionResult {
        detail = detail == null ? "" : detail;
        tests = List.copyOf(tests);
    }
}
