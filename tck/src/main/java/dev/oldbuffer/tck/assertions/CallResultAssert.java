package dev.oldbuffer.tck.assertions;

import static org.apiguardian.api.API.Status.MAINTAINED;

import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.PyError;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one call: {@code verify(call).succeeded().hasLength(12).pointsAt(bytes)}. Every failure
 * names the assertion id, the function, the object, the profile and the implementation.
 */
@API(status = MAINTAINED, since = "0.1")
public final class CallResultAssert extends AbstractAssert<CallResultAssert, CallResult> {

    /** Made only for a message: most calls pass, and building the line cost more than checking them. */
    private final Supplier<String> context;
    private final BiFunction<Long, Integer, byte[]> memory;

    /**
     * @param context one line naming assertion, function, profile and implementation
     * @param memory  reads {@code length} bytes at an address of the implementation under test
     */
    public CallResultAssert(CallResult actual, String context, BiFunction<Long, Integer, byte[]> memory) {
        this(actual, () -> context, memory);
    }

    /** {@link #CallResultAssert(CallResult, String, BiFunction)} with the context made when a check fails. */
    public CallResultAssert(CallResult actual, Supplier<String> context, BiFunction<Long, Integer, byte[]> memory) {
        super(actual, CallResultAssert.class);
        this.context = context;
        this.memory = memory;
    }

    public CallResultAssert returned(int expected) {
        isNotNull();
        if (actual.returnValue() != expected) {
            throw TckMessages.shouldReturn(context.get(), actual, expected, actual.returnValue());
        }
        return this;
    }

    /** Returned 0 (the getters' success). */
    public CallResultAssert succeeded() {
        return returned(0);
    }

    /** Returned -1 (the getters' failure). */
    public CallResultAssert failed() {
        return returned(-1);
    }

    public CallResultAssert hasLength(long expected) {
        isNotNull();
        if (actual.length() != expected) {
            throw TckMessages.shouldSetLength(context.get(), actual, expected, actual.length());
        }
        return this;
    }

    /** The error indicator holds exactly this exception type (e.g. {@code TypeError}). */
    public CallResultAssert hasErrorType(String expected) {
        isNotNull();
        String seen = actual.error().map(PyError::toString).orElse("no error set");
        if (actual.error().map(PyError::type).filter(expected::equals).isEmpty()) {
            throw TckMessages.shouldSetError(context.get(), actual, expected, seen);
        }
        return this;
    }

    public CallResultAssert hasErrorMessage(String expected) {
        isNotNull();
        Optional<String> message = actual.error().map(PyError::message);
        if (message.filter(expected::equals).isEmpty()) {
            Object seen = message.isPresent() ? message.get() : "no error set";
            throw TckMessages.shouldSetErrorMessage(context.get(), actual, expected, seen);
        }
        return this;
    }

    public CallResultAssert hasNoErrorSet() {
        isNotNull();
        if (actual.error().isPresent()) {
            throw TckMessages.shouldLeaveNoError(context.get(), actual, actual.error().get());
        }
        return this;
    }

    public CallResultAssert leftOutParamsUntouched() {
        isNotNull();
        if (actual.bufferWritten() || actual.lengthWritten()) {
            String seen = (actual.bufferWritten() ? "buffer written with 0x" + Long.toHexString(actual.buffer()) : "buffer untouched")
                    + ", " + (actual.lengthWritten() ? "buffer_len written with " + actual.length() : "buffer_len untouched");
            throw TckMessages.shouldLeaveSlotsUntouched(context.get(), actual, seen);
        }
        return this;
    }

    /** The returned address holds exactly these bytes (reads {@code expected.length} bytes; nothing for 0). */
    public CallResultAssert pointsAt(byte[] expected) {
        isNotNull();
        if (expected.length == 0) {
            return this;
        }
        return pointsAt(expected, memory.apply(actual.buffer(), expected.length));
    }

    /** {@link #pointsAt(byte[])}, with the bytes at the address read already ({@code seen}, as many as expected). */
    public CallResultAssert pointsAt(byte[] expected, byte[] seen) {
        isNotNull();
        if (!java.util.Arrays.equals(seen, expected)) {
            String e = HexFormat.ofDelimiter(" ").formatHex(expected);
            String s = HexFormat.ofDelimiter(" ").formatHex(seen);
            throw TckMessages.shouldPointAt(context.get(), actual, e, s);
        }
        return this;
    }

    /**
     * Gives the answer {@code other} gave: the same return value, on success the same address and length, on failure
     * the same error type ({@code how} says why they must agree).
     */
    public CallResultAssert agreesWith(CallResult other, String how) {
        isNotNull();
        if (!Answer.of(actual).equals(Answer.of(other))) {
            throw TckMessages.shouldHave(context.get(), actual, how, Answer.of(other) + "\n  from " + other, Answer.of(actual));
        }
        return this;
    }

    /** The returned address is exactly this one (e.g. a base's address plus a slice offset). */
    public CallResultAssert pointsTo(long expectedAddress, String how) {
        isNotNull();
        if (actual.buffer() != expectedAddress) {
            String e = "0x" + Long.toHexString(expectedAddress) + " (" + how + ")";
            String s = "0x" + Long.toHexString(actual.buffer());
            throw TckMessages.shouldPointInside(context.get(), actual, e, s);
        }
        return this;
    }
}
