package dev.oldbuffer.tck.assertions;

import static dev.oldbuffer.spi.Function.AS_CHAR_BUFFER;
import static dev.oldbuffer.spi.Function.AS_READ_BUFFER;
import static dev.oldbuffer.spi.Function.AS_WRITE_BUFFER;
import static dev.oldbuffer.spi.Function.CHECK_READ_BUFFER;
import static org.apiguardian.api.API.Status.MAINTAINED;

import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.spi.Pending;
import dev.oldbuffer.tck.Subject;
import org.apiguardian.api.API;

/**
 * What the functions must agree on for one object, checked the same way by the examples (on the canonical objects)
 * and by the properties (on generated ones). Each leaves the error indicator empty.
 */
@API(status = MAINTAINED, since = "0.2")
public final class Agreements {

    private Agreements() {
    }

    /**
     * AsReadBuffer gives the answer AsCharBuffer gave: both need the same single-segment interface (read22). Both calls
     * are made before either answer is read: one round trip to a runtime behind a process.
     */
    public static void asReadAgreesWithAsChar(Subject s, ObjRef obj) {
        Pending<CallResult> asChar = s.callLater(AS_CHAR_BUFFER, obj);
        s.fetchErrorLater();
        Pending<CallResult> asRead = s.callLater(AS_READ_BUFFER, obj);
        s.fetchErrorLater();
        CallResult first = asChar.get();
        s.verify(asRead.get()).agreesWith(first, "give the answer AsCharBuffer gave");
    }

    /** Whenever AsWriteBuffer succeeds, AsReadBuffer succeeds with the same address and length (write15). */
    public static void asReadFollowsAsWrite(Subject s, ObjRef obj) {
        CallResult write = s.call(AS_WRITE_BUFFER, obj);
        s.fetchError();
        if (write.returnValue() != 0) {
            return;
        }
        CallResult read = s.call(AS_READ_BUFFER, obj);
        s.fetchError();
        s.verify(read).agreesWith(write, "succeed with the address and length AsWriteBuffer gave");
    }

    /** CheckReadBuffer answers 1 exactly when AsReadBuffer succeeds (check07); both calls made before either is read. */
    public static void checkAgreesWithAsRead(Subject s, ObjRef obj) {
        Pending<CallResult> checked = s.callLater(CHECK_READ_BUFFER, obj);
        s.fetchErrorLater();
        Pending<CallResult> asRead = s.callLater(AS_READ_BUFFER, obj);
        s.fetchErrorLater();
        CallResult check = checked.get();
        CallResult read = asRead.get();
        int expected = read.returnValue() == 0 ? 1 : 0;
        if (check.returnValue() != expected) {
            throw TckMessages.shouldHave(s.context(CHECK_READ_BUFFER), check, "answer as AsReadBuffer did (" + read + ")",
                    expected, check.returnValue());
        }
    }
}
