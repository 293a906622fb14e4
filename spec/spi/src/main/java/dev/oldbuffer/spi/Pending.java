package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The answer to a {@link Step} asked for with {@link OldBufferRuntime#later}: there at once from an implementation that
 * runs in this JVM, read together with the rest of a try's answers from one behind a process.
 *
 * @param <T> what the step answers
 */
@API(status = EXPERIMENTAL, since = "0.3")
public interface Pending<T> {

    /**
     * The answer, waiting for it if it has not come. Throws what the step itself would have thrown had it been run on
     * its own ({@link IllegalArgumentException} for a refusal, {@link RuntimeFailure} for a crash or hang), or a
     * {@link DeferredRefusal} of an earlier operation that was answered before it was done.
     */
    T get();

    /** The answer if it has come, without waiting: empty while it is on its way, or when it never came (a crash). */
    Optional<T> ifAnswered();

    /** An answer that is already there. */
    static <T> Pending<T> answered(T value) {
        Objects.requireNonNull(value, "value");
        Optional<T> answer = Optional.of(value);
        return new Pending<>() {
            @Override
            public T get() {
                return value;
            }

            @Override
            public Optional<T> ifAnswered() {
                return answer;
            }
        };
    }
}
