package dev.oldbuffer.tck.assertions;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.results.Failure;
import dev.oldbuffer.spi.RuntimeFailure;
import org.apiguardian.api.API;

/** The failure a test ended with, as fields, from what it threw: never by reading the message text. */
@API(status = INTERNAL, since = "0.2")
public final class Failures {

    private Failures() {
    }

    /**
     * The kit's own failure among {@code thrown} and its causes (a test framework may wrap it), else the
     * implementation's crash or time-out, else {@code thrown} itself as an unexpected error.
     */
    public static Failure of(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof HasFailure f) {
                return f.failure();
            }
            if (t instanceof RuntimeFailure r) {
                return new Failure(r.kind() == RuntimeFailure.Kind.CRASHED ? Failure.Kind.CRASH : Failure.Kind.TIMEOUT, "", "",
                        r.summary(), r.operation(), "", null);
            }
        }
        String message = thrown.getMessage() == null ? "" : thrown.getMessage();
        if (thrown instanceof AssertionError) {
            return new Failure(Failure.Kind.VIOLATION, "", "", message, "", "", null);
        }
        return new Failure(Failure.Kind.ERROR, "", "", thrown.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message),
                "", "", null);
    }
}
