package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The implementation under test itself failed: it crashed (a signal, an abort) or did not answer in
 * time. Reported as its own outcome, never as an ordinary assertion failure.
 */
@API(status = STABLE, since = "0.1")
public class RuntimeFailure extends RuntimeException {

    /** What happened. */
    public enum Kind { CRASHED, TIMED_OUT }

    private final Kind kind;

    public RuntimeFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The runtime failure among {@code t} and its causes, if any (a test wraps what the implementation threw). */
    public static Optional<RuntimeFailure> in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof RuntimeFailure f) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
