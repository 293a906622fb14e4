package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * An operation the implementation answered before doing it was refused when it was done. A runtime behind a process may
 * send {@link OldBufferRuntime#create}, {@link OldBufferRuntime#setError}, {@link OldBufferRuntime#fetchError} (when it
 * knows the answer), {@link OldBufferRuntime#release} and {@link OldBufferRuntime#reset} without waiting, so that a try crosses the pipe once; the next
 * operation that waits, or {@link OldBufferRuntime#settle()}, then throws this in place of its own answer.
 * {@link #refusal()} is what the operation itself would have thrown, {@link #operation()} names it and
 * {@link #argument()} describes what it was given (a recipe's {@link Fixture#describe()}).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DeferredRefusal extends RuntimeException {

    /** The operations that may be deferred, by their SPI names. */
    public enum Operation { CREATE, SET_ERROR, FETCH_ERROR, RELEASE, RESET }

    private final Operation operation;
    private final String argument;
    private final RuntimeException refusal;

    public DeferredRefusal(Operation operation, String argument, RuntimeException refusal) {
        super(operation.name().toLowerCase(java.util.Locale.ROOT) + "(" + argument + ") was refused: " + refusal.getMessage(), refusal);
        this.operation = operation;
        this.argument = argument;
        this.refusal = refusal;
    }

    public Operation operation() {
        return operation;
    }

    public String argument() {
        return argument;
    }

    /** What the operation would have thrown had it waited: {@link IllegalArgumentException} for a recipe Python refused. */
    public RuntimeException refusal() {
        return refusal;
    }
}
