package dev.oldbuffer.tck.spec;

import dev.oldbuffer.spi.Acquisition;
import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.ExportCounts;
import dev.oldbuffer.spi.PyError;
import dev.oldbuffer.spi.Replacement;
import dev.oldbuffer.spi.ExporterSpec;
import dev.oldbuffer.spi.ExporterSpec.RuleBreak;
import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.tck.Subject;
import dev.oldbuffer.tck.assertions.TckMessages;
import dev.oldbuffer.tck.fixtures.Fixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * Checks on exporters that break a rule of the buffer protocol ({@link RuleBreak}), shared by the four functions. What
 * the functions make of them differs per profile, so the oracle does not model them and each check says what to expect.
 */
final class RuleBreakChecks {

    /** Six bytes: a strided exporter lays them out with a stride of 2, an indirect one behind six pointers. */
    private static final byte[] DATA = Fixtures.ascii("abcdef");
    /** Eight bytes: two rows of four. */
    private static final byte[] GRID = Fixtures.ascii("01234567");

    private RuleBreakChecks() {
    }

    private static Fixture breaking(RuleBreak rule, byte[] data) {
        return Fixture.exporter(ExporterSpec.breaking(rule, data));
    }

    /** Documented: a strided or indirect view is refused - -1 and TypeError, CheckReadBuffer 0 - and given back. */
    static void notOneSegmentRefused(Subject s, Function f) {
        for (RuleBreak rule : List.of(RuleBreak.STRIDED_ANYWAY, RuleBreak.INDIRECT_ANYWAY)) {
            ObjRef obj = s.create(breaking(rule, DATA));
            CallResult r = s.call(f, obj);
            refused(s, f, r, "TypeError");
            Checks.releasedOnce(s, r, obj, "");
        }
    }

    /**
     * CPython: the view goes through - 0 (CheckReadBuffer 1) with its buf and len: at buf a strided view's storage
     * (the bytes with a zero between each two), an indirect view's pointer table, whose first pointer leads to the data.
     */
    static void notOneSegmentPassedOn(Subject s, Function f) {
        for (RuleBreak rule : List.of(RuleBreak.STRIDED_ANYWAY, RuleBreak.INDIRECT_ANYWAY)) {
            ObjRef obj = s.create(breaking(rule, DATA));
            CallResult r = s.call(f, obj);
            s.verify(r).returned(f.accepted()).hasNoErrorSet();
            if (f.hasOutParameters()) {
                s.verify(r).hasLength(DATA.length);
                if (s.has(Feature.MEMORY_READ)) {
                    if (rule == RuleBreak.STRIDED_ANYWAY) {
                        s.verify(r).pointsAt(new byte[] {'a', 0, 'b', 0, 'c', 0});
                    } else {
                        long first = ByteBuffer.wrap(s.read(r.buffer(), Long.BYTES)).order(ByteOrder.LITTLE_ENDIAN).getLong();
                        byte[] behind = s.read(first, DATA.length);
                        if (!Arrays.equals(behind, DATA)) {
                            throw TckMessages.shouldHave(s.context(f), r, "pointed at a pointer table whose first pointer "
                                    + "leads to the data", Arrays.toString(DATA), Arrays.toString(behind));
                        }
                    }
                }
            }
            Checks.releasedOnce(s, r, obj, "");
        }
    }

    /**
     * An exporter that fails with no error set: the getters answer -1 with {@code errorType}, or with none if it is
     * null; CheckReadBuffer answers 0 and leaves none.
     */
    static void silentFailure(Subject s, Function f, String errorType) {
        ObjRef obj = s.create(breaking(RuleBreak.FAILS_SILENTLY, DATA));
        CallResult r = s.call(f, obj);
        if (errorType == null && f != Function.CHECK_READ_BUFFER) {
            s.verify(r).failed().hasNoErrorSet();
        } else {
            refused(s, f, r, errorType);
        }
    }

    /** AsWriteBuffer and a view that says read-only granted to its writable request: refused, or (CPython) passed on. */
    static void readOnlyViewToAWritableRequest(Subject s, boolean passedOn) {
        ObjRef obj = s.create(breaking(RuleBreak.WRITABLE_ANYWAY, DATA));
        CallResult r = s.call(Function.AS_WRITE_BUFFER, obj);
        if (passedOn) {
            s.verify(r).succeeded().hasNoErrorSet().hasLength(DATA.length);
            if (s.has(Feature.MEMORY_READ)) {
                s.verify(r).pointsAt(DATA);
            }
        } else {
            refused(s, Function.AS_WRITE_BUFFER, r, "TypeError");
        }
        Checks.releasedOnce(s, r, obj, "");
    }

    /** Two-dimensional in C and in Fortran order, and zero-dimensional: one segment each, accepted with all its bytes. */
    static void otherLayoutsOfOneSegmentAccepted(Subject s, Function f) {
        for (RuleBreak rule : List.of(RuleBreak.TWO_DIMENSIONAL, RuleBreak.FORTRAN_ORDER, RuleBreak.ZERO_DIMENSIONAL)) {
            ObjRef obj = s.create(breaking(rule, GRID));
            CallResult r = s.call(f, obj);
            s.verify(r).returned(f.accepted()).hasNoErrorSet();
            if (f.hasOutParameters()) {
                s.verify(r).hasLength(GRID.length);
                if (s.has(Feature.MEMORY_READ)) {
                    s.verify(r).pointsAt(GRID);
                }
            }
            Checks.releasedOnce(s, r, obj, "");
        }
    }

    /** y* refuses, with a TypeError, the Fortran-ordered segment the call accepts, and gives the view back. */
    static void fortranOrderRefusedByYStar(Subject s) {
        ObjRef obj = s.create(breaking(RuleBreak.FORTRAN_ORDER, GRID));
        CallResult old = s.call(Function.AS_CHAR_BUFFER, obj);
        s.fetchError();
        s.verify(old).succeeded();
        Acquisition parsed = s.acquireAndRelease(Replacement.PARSE_Y_STAR, obj);
        if (parsed.accepted() || !parsed.error().map(PyError::type).orElse("none").equals("TypeError")) {
            throw TckMessages.shouldHave(s.context(Function.AS_CHAR_BUFFER), parsed,
                    "refuse a Fortran-ordered view with a TypeError (y* demands C order)", "0, error TypeError", parsed);
        }
        ExportCounts counts = s.exportCounts(obj);
        if (counts.outstanding() != 0) {
            throw TckMessages.shouldRelease(s.context(Function.AS_CHAR_BUFFER), parsed, "acquires == releases",
                    counts.acquires() + " acquired, " + counts.releases() + " released");
        }
    }

    /** -1 with one error of {@code type}, fetched; CheckReadBuffer: 0 and no error. */
    private static void refused(Subject s, Function f, CallResult r, String type) {
        if (f == Function.CHECK_READ_BUFFER) {
            s.verify(r).returned(0).hasNoErrorSet();
        } else {
            s.verify(r).failed().hasErrorType(type);
            s.fetchError();
        }
    }
}
