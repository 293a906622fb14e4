package dev.oldbuffer.tck.properties;

import static org.apiguardian.api.API.Status.MAINTAINED;
import static dev.oldbuffer.spi.Function.AS_CHAR_BUFFER;
import static dev.oldbuffer.spi.Function.AS_READ_BUFFER;
import static dev.oldbuffer.spi.Function.AS_WRITE_BUFFER;
import static dev.oldbuffer.spi.Function.CHECK_READ_BUFFER;

import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.spi.PyError;
import dev.oldbuffer.tck.SpecAssertion;
import dev.oldbuffer.tck.Subject;
import dev.oldbuffer.tck.arbitraries.OldBufferDomain;
import dev.oldbuffer.tck.assertions.TckMessages;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.domains.Domain;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.apiguardian.api.API;

/** The functions agree with each other on every input, whatever the object. */
@Domain(OldBufferDomain.class)
@API(status = MAINTAINED, since = "0.1")
@AddLifecycleHook(PropertyHook.class)
@Label("Agreement between the functions")
public class AgreementProperties {

    @Property
    @SpecAssertion("read22")
    void required_read22_asCharBufferAndAsReadBufferAgree(@ForAll Fixture object, Subject s) {
        Expectations.assumeBuildable(s, object);
        ObjRef obj = s.create(object);
        CallResult asChar = s.call(AS_CHAR_BUFFER, obj);
        s.fetchError();
        CallResult asRead = s.call(AS_READ_BUFFER, obj);
        s.fetchError();
        if (!Answer.of(asRead).equals(Answer.of(asChar))) {
            throw new AssertionError(TckMessages.shouldHave(s.context(AS_READ_BUFFER), asRead,
                    "give the answer AsCharBuffer gave", Answer.of(asChar) + "\n  from " + asChar, Answer.of(asRead)));
        }
    }

    @Property
    @SpecAssertion("write15")
    void required_write15_writeSuccessImpliesTheSameReadBuffer(@ForAll Fixture object, Subject s) {
        Expectations.assumeBuildable(s, object);
        ObjRef obj = s.create(object);
        CallResult write = s.call(AS_WRITE_BUFFER, obj);
        s.fetchError();
        if (write.returnValue() != 0) {
            return;
        }
        CallResult read = s.call(AS_READ_BUFFER, obj);
        s.fetchError();
        if (!Answer.of(read).equals(Answer.of(write))) {
            throw new AssertionError(TckMessages.shouldHave(s.context(AS_WRITE_BUFFER), write,
                    "be followed by an AsReadBuffer success with the same address and length", Answer.of(write),
                    Answer.of(read) + "\n  from " + read));
        }
    }

    @Property
    @SpecAssertion("check07")
    void required_check07_answersOneExactlyWhenAsReadBufferSucceeds(@ForAll Fixture object, Subject s) {
        Expectations.assumeBuildable(s, object);
        ObjRef obj = s.create(object);
        CallResult check = s.call(CHECK_READ_BUFFER, obj);
        s.fetchError();
        CallResult read = s.call(AS_READ_BUFFER, obj);
        s.fetchError();
        int expected = read.returnValue() == 0 ? 1 : 0;
        if (check.returnValue() != expected) {
            throw new AssertionError(TckMessages.shouldHave(s.context(CHECK_READ_BUFFER), check,
                    "answer as AsReadBuffer did (" + read + ")", expected, check.returnValue()));
        }
    }

    /** What two functions must agree on: the return value; on success address and length; on failure the error type. */
    record Answer(int returnValue, long buffer, long length, String errorType) {
        static Answer of(CallResult r) {
            boolean ok = r.returnValue() == 0;
            return new Answer(r.returnValue(), ok ? r.buffer() : 0, ok ? r.length() : 0,
                    r.error().map(PyError::type).orElse("none"));
        }

        @Override
        public String toString() {
            return returnValue == 0 ? "0, buf=0x" + Long.toHexString(buffer) + ", len=" + length + ", error " + errorType
                    : returnValue + ", error " + errorType;
        }
    }
}
