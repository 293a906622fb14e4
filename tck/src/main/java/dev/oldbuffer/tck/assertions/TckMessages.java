package dev.oldbuffer.tck.assertions;

import static org.apiguardian.api.API.Status.MAINTAINED;

import dev.oldbuffer.results.Failure;
import org.apiguardian.api.API;

/**
 * The one shape every failure of the kit has, and the one place where failures are made:
 * <pre>
 * [char03 PyObject_AsCharBuffer, profile documented, on reference 0.1.0]
 * Expecting call:
 *   PyObject_AsCharBuffer(array('i', 3 items), &amp;buf, &amp;len) -&gt; 0, buf=0x7f.., len=3, no error set
 * to set buffer_len to:
 *   12
 * but was:
 *   3
 * </pre>
 * Each factory returns a {@link SpecViolation} whose {@link Failure} holds the same facts as fields: the check
 * ("set buffer_len to"), the expected and the observed value, the call. Tests of the kit compare those fields
 * with what a factory makes instead of repeating the text.
 */
@API(status = MAINTAINED, since = "0.1")
public final class TckMessages {

    private TckMessages() {
    }

    /** The general shape: context, the call, what it should have done, what it did. */
    public static SpecViolation shouldHave(String context, Object call, String expectation, Object expected, Object actual) {
        String message = context + "\nExpecting call:\n  " + call + "\nto " + expectation + ":\n  " + expected + "\nbut was:\n  " + actual;
        return new SpecViolation(message, new Failure(Failure.Kind.VIOLATION, expectation, String.valueOf(expected),
                String.valueOf(actual), String.valueOf(call), "", null), expected, actual);
    }

    public static SpecViolation shouldReturn(String context, Object call, int expected, int actual) {
        return shouldHave(context, call, "return", expected, actual);
    }

    public static SpecViolation shouldSetLength(String context, Object call, long expected, long actual) {
        return shouldHave(context, call, "set buffer_len to", expected, actual);
    }

    public static SpecViolation shouldSetError(String context, Object call, String expectedType, Object actual) {
        return shouldHave(context, call, "set the error indicator to", expectedType, actual);
    }

    public static SpecViolation shouldSetErrorMessage(String context, Object call, String expectedMessage, Object actual) {
        return shouldHave(context, call, "set an error whose message is", expectedMessage, actual);
    }

    public static SpecViolation shouldLeaveNoError(String context, Object call, Object actual) {
        return shouldHave(context, call, "leave the error indicator", "empty", actual);
    }

    public static SpecViolation shouldLeaveSlotsUntouched(String context, Object call, Object actual) {
        return shouldHave(context, call, "leave both out-parameters as they were", "untouched", actual);
    }

    public static SpecViolation shouldPointAt(String context, Object call, Object expectedBytes, Object actualBytes) {
        return shouldHave(context, call, Failure.MEMORY_CHECK, expectedBytes, actualBytes);
    }

    public static SpecViolation shouldPointInside(String context, Object call, String expectedAddress, String actualAddress) {
        return shouldHave(context, call, "set buffer to", expectedAddress, actualAddress);
    }

    public static SpecViolation shouldRelease(String context, Object call, Object expected, Object actual) {
        return shouldHave(context, call, "release every view it acquired, leaving exporter counts", expected, actual);
    }

    /** {@code change} is the count after the call less the count before, signed ({@code +1}): stable across runs. */
    public static SpecViolation shouldKeepTheReferenceCount(String context, Object call, String change) {
        return shouldHave(context, call, "leave the object's reference count changed by", "0", change);
    }

    public static SpecViolation shouldKeepTheTotalReferenceCount(String context, Object call, String change) {
        return shouldHave(context, call, "leave the interpreter's total reference count changed by", "0", change);
    }

    public static SpecViolation shouldRequest(String context, Object call, String expectedFlags, String actualFlags) {
        return shouldHave(context, call, "request a view with flags", expectedFlags, actualFlags);
    }

    /**
     * A step around the call (building the object, reading its content, storing through it) that the implementation
     * refused: the assertion could not be checked on this object, and the refusal is the implementation's.
     */
    public static SpecViolation couldNotObserve(String context, String action, String object, String raised, Throwable cause) {
        String message = context + "\nExpecting the implementation to " + action + ":\n  " + object + "\nbut it raised:\n  " + raised;
        return new SpecViolation(message, new Failure(Failure.Kind.REFUSED_STEP, action, "", raised, object, "", null), object,
                raised, cause);
    }

    /**
     * A stateful run where the implementation parted from the kit's model of it: {@code statement} says how, in one
     * line; {@code check} names what was checked (an invariant, or a step); {@code state} lists the objects made so far.
     */
    public static SpecViolation shouldFollowTheModel(String context, String check, String statement, Object state) {
        String message = context + "\n" + statement + "\n" + state;
        return new SpecViolation(message, new Failure(Failure.Kind.VIOLATION, check, "", statement, "", "", null));
    }
}
