package dev.oldbuffer.results;

import static org.apiguardian.api.API.Status.STABLE;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.oldbuffer.spi.Function;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One assertion's outcome in a run.
 *
 * @param id       the catalogue id
 * @param function the function it is about
 * @param outcome  the combined outcome of the assertion's tests
 * @param detail   for a problem: the first failure's message, as a person reads it; for not applicable and not
 *                 verified: the reason; empty when passed
 * @param tests    the display names of the tests that checked it
 * @param failure  for a problem (failed, crashed, timed out): the same as fields; null otherwise
 */
@API(status = STABLE, since = "0.1")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssertionResult(String id, Function function, Outcome outcome, String detail, List<String> tests, Failure failure) {
    public AssertionResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
        tests = List.copyOf(tests == null ? List.of() : tests);
    }
}
