package dev.oldbuffer.tck.assertions;

import static org.apiguardian.api.API.Status.MAINTAINED;

import dev.oldbuffer.results.Failure;
import org.apiguardian.api.API;
import org.opentest4j.AssertionFailedError;

/**
 * A check of the kit that the implementation failed: the message a person reads (in {@link TckMessages}' shape), and
 * the same facts as a {@link Failure}, which results, reports and baselines read. Made only by {@link TckMessages}.
 * It keeps the expected and actual values, so that an IDE can show the difference.
 */
@API(status = MAINTAINED, since = "0.2")
public final class SpecViolation extends AssertionFailedError implements HasFailure {

    private final transient Failure failure;

    /** With {@code expected} and {@code actual} both null the violation states no pair of values to compare. */
    SpecViolation(String message, Failure failure, Object expected, Object actual) {
        this(message, failure, expected, actual, null);
    }

    SpecViolation(String message, Failure failure, Object expected, Object actual, Throwable cause) {
        super(message, expected, actual, cause);
        this.failure = failure;
    }

    SpecViolation(String message, Failure failure) {
        super(message);
        this.failure = failure;
    }

    /** What was checked, expected and observed, and on which call. */
    @Override
    public Failure failure() {
        return failure;
    }
}
