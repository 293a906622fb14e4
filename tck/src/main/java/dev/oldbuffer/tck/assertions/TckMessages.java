package dev.oldbuffer.tck.assertions;

import static org.apiguardian.api.API.Status.MAINTAINED;

import org.apiguardian.api.API;

/**
 * The one shape every failure message of the kit has:
 * <pre>
 * [char03 PyObject_AsCharBuffer, profile documented, on reference 0.1.0]
 * Expecting call:
 *   PyObject_AsCharBuffer(array('i', 3 items), &amp;buf, &amp;len) -&gt; 0, buf=0x7f.., len=3, no error set
 * to set buffer_len to:
 *   12
 * but was:
 *   3
 * </pre>
 * Tests of the kit reuse these factories instead of repeating the text.
 */
@API(status = MAINTAINED, since = "0.1")
public final class TckMessages {

    private TckMessages() {
    }

    /** The general shape: context, the call, what it should have done, what it did. */
    public static String shouldHave(String context, Object call, String expectation, Object expected, Object actual) {
        return context + "\nExpecting call:\n  " + call + "\nto " + expectation + ":\n  " + expected + "\nbut was:\n  " + actual;
    }

    public static String shouldReturn(String context, Object call, int expected, int actual) {
        return shouldHave(context, call, "return", expected, actual);
    }

    public static String shouldSetLength(String context, Object call, long expected, long actual) {
        return shouldHave(context, call, "set buffer_len to", expected, actual);
    }

    public static String shouldSetError(String context, Object call, String expectedType, Object actual) {
        return shouldHave(context, call, "set the error indicator to", expectedType, actual);
    }

    public static String shouldSetErrorMessage(String context, Object call, String expectedMessage, Object actual) {
        return shouldHave(context, call, "set an error whose message is", expectedMessage, actual);
    }

    public static String shouldLeaveNoError(String context, Object call, Object actual) {
        return shouldHave(context, call, "leave the error indicator", "empty", actual);
    }

    public static String shouldLeaveSlotsUntouched(String context, Object call, Object actual) {
        return shouldHave(context, call, "leave both out-parameters as they were", "untouched", actual);
    }

    public static String shouldPointAt(String context, Object call, Object expectedBytes, Object actualBytes) {
        return shouldHave(context, call, "point at memory holding", expectedBytes, actualBytes);
    }

    public static String shouldPointInside(String context, Object call, String expectedAddress, String actualAddress) {
        return shouldHave(context, call, "set buffer to", expectedAddress, actualAddress);
    }

    public static String shouldRelease(String context, Object call, Object expected, Object actual) {
        return shouldHave(context, call, "release every view it acquired, leaving exporter counts", expected, actual);
    }

    public static String shouldRequest(String context, Object call, String expectedFlags, String actualFlags) {
        return shouldHave(context, call, "request a view with flags", expectedFlags, actualFlags);
    }

    /**
     * A step around the call (building the object, reading its content, storing through it) that the implementation
     * refused: the assertion could not be checked on this object, and the refusal is the implementation's.
     */
    public static String couldNotObserve(String context, String action, String object, String raised) {
        return context + "\nExpecting the implementation to " + action + ":\n  " + object + "\nbut it raised:\n  " + raised;
    }
}
