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
    private final String summary;
    private final String operation;

    /** @param message what happened; its first line is the {@link #summary()} */
    public RuntimeFailure(Kind kind, String message) {
        this(kind, message.lines().findFirst().orElse(""), "", message.contains("\n") ? message.substring(message.indexOf('\n')) : "");
    }

    /**
     * @param summary   what happened, in one line, e.g. {@code implementation crashed: signal 11 (SIGSEGV)}
     * @param operation what was running, e.g. {@code PyObject_AsCharBuffer(bytes(5), &buf, &len)}; may be empty
     * @param details   more to read (the interpreter's last words); may be empty
     */
    public RuntimeFailure(Kind kind, String summary, String operation, String details) {
        super(summary + (operation.isEmpty() ? "" : " during " + operation) + details);
        this.kind = kind;
        this.summary = summary;
        this.operation = operation;
    }

    public Kind kind() {
        return kind;
    }

    /** What happened, in one line, without the operation: the same for the same behaviour. */
    public String summary() {
        return summary;
    }

    /** What was running when it happened; empty when the implementation did not say. */
    public String operation() {
        return operation;
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
