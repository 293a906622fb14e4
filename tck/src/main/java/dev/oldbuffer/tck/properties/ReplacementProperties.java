package dev.oldbuffer.tck.properties;

import static dev.oldbuffer.spi.Function.AS_CHAR_BUFFER;
import static dev.oldbuffer.spi.Function.AS_READ_BUFFER;
import static dev.oldbuffer.spi.Function.AS_WRITE_BUFFER;
import static dev.oldbuffer.spi.Function.CHECK_READ_BUFFER;
import static dev.oldbuffer.spi.Replacement.GET_BUFFER_FULL_RO;
import static dev.oldbuffer.spi.Replacement.GET_BUFFER_SIMPLE;
import static dev.oldbuffer.spi.Replacement.GET_BUFFER_WRITABLE;
import static dev.oldbuffer.spi.Replacement.PARSE_S_STAR;
import static dev.oldbuffer.spi.Replacement.PARSE_W_STAR;
import static dev.oldbuffer.spi.Replacement.PARSE_Y_HASH;
import static dev.oldbuffer.spi.Replacement.PARSE_Y_STAR;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.oldbuffer.spi.Acquisition;
import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.ExportCounts;
import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.spi.Pending;
import dev.oldbuffer.spi.PyError;
import dev.oldbuffer.spi.Replacement;
import dev.oldbuffer.tck.RequiresFeature;
import dev.oldbuffer.tck.SpecAssertion;
import dev.oldbuffer.tck.Subject;
import dev.oldbuffer.tck.arbitraries.OldBufferDomain;
import dev.oldbuffer.tck.assertions.TckMessages;
import dev.oldbuffer.tck.oracle.Layout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.domains.Domain;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.apiguardian.api.API;

/**
 * The old functions against the calls the page recommends instead (its preamble): where a migration changes nothing,
 * and where it changes something on purpose. Each try makes both calls on the same object, one after the other, giving
 * back every view before the next call: two calls and a release per try, hence {@code TryCost(2)}.
 */
@Domain(OldBufferDomain.class)
@API(status = EXPERIMENTAL, since = "0.3")
@AddLifecycleHook(PropertyHook.class)
@Label("The replacements the page recommends")
public class ReplacementProperties {

    @Property
    @TryCost(2)
    @SpecAssertion("char35")
    @RequiresFeature(Feature.NEW_BUFFER_API)
    void required_char35_asCharBufferWrapsGetBufferSimple(@ForAll Fixture object, @ForAll Subject s) {
        wraps(s, AS_CHAR_BUFFER, GET_BUFFER_SIMPLE, object);
    }

    @Property
    @TryCost(2)
    @SpecAssertion("char36")
    @RequiresFeature(Feature.NEW_BUFFER_API)
    void cpython_char36_asCharBufferSetsTheErrorGetBufferSets(@ForAll Fixture object, @ForAll Subject s) {
        setsTheErrorOf(s, AS_CHAR_BUFFER, GET_BUFFER_SIMPLE, object);
    }

    @Property
    @TryCost(2)
    @SpecAssertion("read35")
    @RequiresFeature(Feature.NEW_BUFFER_API)
    void required_read35_asReadBufferWrapsGetBufferSimple(@ForAll Fixture object, @ForAll Subject s) {
        wraps(s, AS_READ_BUFFER, GET_BUFFER_SIMPLE, object);
    }

    @Property
    @TryCost(2)
    @SpecAssertion("read36")
    @RequiresFeature(Feature.NEW_BUFFER_API)
    void cpython_read36_asReadBufferSetsTheErrorGetBufferSets(@ForAll Fixture object, @ForAll Subject s) {
        setsTheErrorOf(s, AS_READ_BUFFER, GET_BUFFER_SIMPLE, object);
    }

    @Property
    @TryCost(2)
    @SpecAssertion("write35")
    @RequiresFeature(Feature.NEW_BUFFER_API)
    void required_write35_asWriteBufferWrapsGetBufferWritable(@ForAll Fixture object, @ForAll Subject s) {
        wraps(s, AS_WRITE_BUFFER, GET_BUFFER_WRITABLE, object);
    }

    @Property
    @TryCost(2)
    @SpecAssertion("check35")
    @RequiresFeature(Feature.NEW_BUFFER_API)
    void required_check35_answersOneExactlyWhenGetBufferSimpleSucceeds(@ForAll Fixture object, @ForAll Subject s) {
        Expectations.assumeBuildable(s, object);
        ObjRef obj = s.create(object);
        Pending<Acquisition> got = s.acquireAndReleaseLater(GET_BUFFER_SIMPLE, obj);
        Pending<CallResult> checked = s.callLater(CHECK_READ_BUFFER, obj);
        s.fetchErrorLater();
        Acquisition get = got.get();
        CallResult check = checked.get();
        int expected = get.accepted() ? 1 : 0;
        if (check.returnValue() != expected) {
            throw TckMessages.shouldHave(s.context(CHECK_READ_BUFFER), check, "answer as " + GET_BUFFER_SIMPLE + " did (" + get + ")",
                    expected, check.returnValue());
        }
    }

    @Property
    @TryCost(2)
    @SpecAssertion("char37")
    @RequiresFeature(Feature.NEW_BUFFER_API)
    void required_char37_yStarTakesTheCContiguousSimpleViews(@ForAll Fixture object, @ForAll Subject s) {
        parsesContiguousViews(s, AS_CHAR_BUFFER, PARSE_Y_STAR, GET_BUFFER_SIMPLE, object);
    }

    @Property
    @TryCost(2)
    @SpecAssertion("write36")
    @RequiresFeature(Feature.NEW_BUFFER_API)
    void required_write36_wStarTakesTheCContiguousWritableViews(@ForAll Fixture object, @ForAll Subject s) {
        Acquisition parsed = parsesContiguousViews(s, AS_WRITE_BUFFER, PARSE_W_STAR, GET_BUFFER_WRITABLE, object);
        if (!parsed.accepted() && !parsed.error().map(PyError::type).orElse("none").equals("TypeError")) {
            throw TckMessages.shouldSetError(s.context(AS_WRITE_BUFFER), parsed, "TypeError",
                    parsed.error().map(PyError::toString).orElse("nothing"));
        }
    }

    @Property
    @TryCost(2)
    @SpecAssertion("char38")
    @RequiresFeature(Feature.NEW_BUFFER_API)
    void required_char38_sStarIsYStarPlusTheUtf8OfAStr(@ForAll Fixture object, @ForAll Subject s) {
        Expectations.assumeBuildable(s, object);
        ObjRef obj = s.create(object);
        Acquisition text = s.acquire(PARSE_S_STAR, obj);
        try {
            if (object instanceof Fixture.Str str) {
                byte[] utf8 = str.text().getBytes(StandardCharsets.UTF_8);
                if (!text.accepted() || text.len() != utf8.length || !text.readonly()) {
                    throw TckMessages.shouldHave(s.context(AS_CHAR_BUFFER), text, "accept a str with its UTF-8 bytes, read-only",
                            "accepted, len=" + utf8.length + ", readonly=1", text);
                }
                byte[] seen = s.has(Feature.MEMORY_READ) ? s.read(text.buf(), utf8.length) : utf8;
                if (!Arrays.equals(seen, utf8)) {
                    throw TckMessages.shouldPointAt(s.context(AS_CHAR_BUFFER), text, hex(utf8), hex(seen));
                }
                return;
            }
        } finally {
            s.release(text);
        }
        Acquisition bytes = s.acquireAndRelease(PARSE_Y_STAR, obj);
        requireSameHandOver(s, AS_CHAR_BUFFER, text, bytes, "hand over what y* hands over");
    }

    @Property
    @TryCost(2)
    @SpecAssertion("read37")
    @RequiresFeature(Feature.NEW_BUFFER_API)
    void required_read37_yHashRefusesTypesWithAReleaseSlot(@ForAll Fixture object, @ForAll Subject s) {
        Expectations.assumeBuildable(s, object);
        ObjRef obj = s.create(object);
        Layout layout = s.layout(object);
        Acquisition hash = s.acquireAndRelease(PARSE_Y_HASH, obj);
        if (layout.bufferInterface() && layout.releaseSlot()) {
            if (hash.accepted() || !hash.error().map(PyError::type).orElse("none").equals("TypeError")) {
                throw TckMessages.shouldHave(s.context(AS_READ_BUFFER), hash, "refuse with a TypeError an object whose type has "
                        + "bf_releasebuffer", "0, error TypeError ('" + layout.typeName() + "' has bf_releasebuffer)", hash);
            }
            return;
        }
        Acquisition star = s.acquireAndRelease(PARSE_Y_STAR, obj);
        requireSameHandOver(s, AS_READ_BUFFER, hash, star, "accept exactly when y* does, with its address and length");
    }

    @Property
    @TryCost(2)
    @SpecAssertion("read38")
    @RequiresFeature({Feature.NEW_BUFFER_API, Feature.EXPORT_PROBES})
    void required_read38_getBufferKeepsTheExportUntilRelease(@ForAll Fixture object, @ForAll Subject s) {
        Expectations.assumeBuildable(s, object);
        ObjRef obj = s.create(object);
        Acquisition held = s.acquire(GET_BUFFER_SIMPLE, obj);
        if (!held.accepted()) {
            return;
        }
        try {
            s.verifyStillExported(AS_READ_BUFFER, held, obj);
        } finally {
            s.release(held);
        }
        s.verifyNoLongerExported(AS_READ_BUFFER, "PyBuffer_Release(&view) after " + held, obj);
    }

    @Property
    @TryCost(2)
    @SpecAssertion("check36")
    @RequiresFeature(Feature.NEW_BUFFER_API)
    void required_check36_checkBufferAnswersOneWhereverTheCallDoesAndAsksForNothing(@ForAll Fixture object, @ForAll Subject s) {
        Expectations.assumeBuildable(s, object);
        ObjRef obj = s.create(object);
        boolean counted = s.layout(object).exportProbe() == Layout.ExportProbe.COUNTS;
        Pending<ExportCounts> countedBefore = counted ? s.exportCountsLater(obj) : null;
        Pending<Integer> answered = s.checkBufferLater(obj);
        Pending<ExportCounts> countedAfter = counted ? s.exportCountsLater(obj) : null;
        if (counted) {   // checked before the call is made, as it was asked for
            ExportCounts before = countedBefore.get();
            ExportCounts after = countedAfter.get();
            if (!after.equals(before)) {
                throw TckMessages.shouldHave(s.context(CHECK_READ_BUFFER), "PyObject_CheckBuffer(" + obj + ") -> " + answered.get(),
                        "ask the exporter for nothing, leaving its counts", before, after);
            }
        }
        Pending<CallResult> checked = s.callLater(CHECK_READ_BUFFER, obj);
        s.fetchErrorLater();
        int answer = answered.get();
        CallResult check = checked.get();
        if (check.returnValue() == 1 && answer != 1) {
            throw TckMessages.shouldHave(s.context(CHECK_READ_BUFFER), "PyObject_CheckBuffer(" + obj + ")",
                    "answer 1 for an object " + check.function() + " accepts (" + check + ")", 1, answer);
        }
    }

    @Property
    @TryCost(2)
    @SpecAssertion("write37")
    @RequiresFeature(Feature.NEW_BUFFER_API)
    void required_write37_fullReadOnlyRequestsShowTheReadOnlyFlag(@ForAll Fixture object, @ForAll Subject s) {
        Expectations.assumeBuildable(s, object);
        ObjRef obj = s.create(object);
        Layout layout = s.layout(object);
        Acquisition full = s.acquireAndRelease(GET_BUFFER_FULL_RO, obj);
        boolean exports = layout.bufferInterface() && layout.refusal().isEmpty();
        if (full.accepted() != exports) {
            throw TckMessages.shouldHave(s.context(AS_WRITE_BUFFER), full, exports ? "succeed for a '" + layout.typeName()
                    + "', which exports" : "fail for a '" + layout.typeName() + "', which does not export", exports ? "0" : "-1", full);
        }
        if (exports && (full.len() != layout.byteLength() || full.readonly() != layout.readOnly())) {
            throw TckMessages.shouldHave(s.context(AS_WRITE_BUFFER), full, "report the object's byte length and whether it is read-only",
                    "len=" + layout.byteLength() + ", readonly=" + (layout.readOnly() ? 1 : 0),
                    "len=" + full.len() + ", readonly=" + (full.readonly() ? 1 : 0));
        }
    }

    /** The old call succeeds exactly when the replacement does, with the same buf and len. Both made before either is read. */
    private static void wraps(Subject s, Function old, Replacement replacement, Fixture object) {
        Expectations.assumeBuildable(s, object);
        ObjRef obj = s.create(object);
        Pending<Acquisition> acquired = s.acquireAndReleaseLater(replacement, obj);
        Pending<CallResult> called = s.callLater(old, obj);
        s.fetchErrorLater();
        Acquisition replaced = acquired.get();
        CallResult call = called.get();
        HandOver expected = HandOver.of(replaced);
        HandOver actual = HandOver.of(call);
        if (!actual.equals(expected)) {
            throw TckMessages.shouldHave(s.context(old), call, "answer as " + replacement + " did\n  (" + replaced + ")", expected, actual);
        }
    }

    /** Where the old call fails, it sets the error type the replacement sets. */
    private static void setsTheErrorOf(Subject s, Function old, Replacement replacement, Fixture object) {
        Expectations.assumeBuildable(s, object);
        ObjRef obj = s.create(object);
        Pending<Acquisition> acquired = s.acquireAndReleaseLater(replacement, obj);
        Pending<CallResult> called = s.callLater(old, obj);
        Pending<Optional<PyError>> fetched = s.fetchErrorLater();
        Acquisition replaced = acquired.get();
        CallResult call = called.get();
        Optional<PyError> error = fetched.get();
        if (call.returnValue() == old.accepted() || replaced.accepted()) {
            return;   // where they disagree on success is char35/read35
        }
        String expected = replaced.error().map(PyError::type).orElse("none");
        String actual = error.map(PyError::type).orElse("none");
        if (!expected.equals(actual)) {
            throw TckMessages.shouldSetError(s.context(old), call, expected + " (what " + replacement + " sets)",
                    error.map(PyError::toString).orElse("nothing"));
        }
    }

    /** The format code accepts exactly when the request succeeds with a C-contiguous view, handing over that view. */
    private static Acquisition parsesContiguousViews(Subject s, Function old, Replacement format, Replacement request, Fixture object) {
        Expectations.assumeBuildable(s, object);
        ObjRef obj = s.create(object);
        Pending<Acquisition> requested = s.acquireAndReleaseLater(request, obj);
        Pending<Acquisition> parsedLater = s.acquireAndReleaseLater(format, obj);
        Acquisition get = requested.get();
        Acquisition parsed = parsedLater.get();
        HandOver expected = new HandOver(get.accepted() && get.cContiguous(), get.buf(), get.len());
        HandOver actual = HandOver.of(parsed);
        if (!actual.equals(expected)) {
            throw TckMessages.shouldHave(s.context(old), parsed, "accept exactly the C-contiguous views " + request + " gives\n  ("
                    + get + ")", expected, actual);
        }
        return parsed;
    }

    private static void requireSameHandOver(Subject s, Function old, Acquisition actual, Acquisition expected, String how) {
        if (!HandOver.of(actual).equals(HandOver.of(expected))) {
            throw TckMessages.shouldHave(s.context(old), actual, how + "\n  (" + expected + ")", HandOver.of(expected), HandOver.of(actual));
        }
    }

    /** What two calls must agree on here: accepted or not, and on acceptance the address and length handed over. */
    private record HandOver(boolean accepted, long buf, long len) {

        HandOver {
            if (!accepted) {   // a refusal hands over nothing
                buf = 0;
                len = 0;
            }
        }

        static HandOver of(Acquisition a) {
            return new HandOver(a.accepted(), a.buf(), a.len());
        }

        static HandOver of(CallResult r) {
            return new HandOver(r.returnValue() == r.function().accepted(), r.buffer(), r.length());
        }

        @Override
        public String toString() {
            return accepted ? "accepted, buf=0x" + Long.toHexString(buf) + ", len=" + len : "refused";
        }
    }

    private static String hex(byte[] data) {
        return HexFormat.of().formatHex(data, 0, Math.min(data.length, 32)) + (data.length > 32 ? "..." : "");
    }
}
