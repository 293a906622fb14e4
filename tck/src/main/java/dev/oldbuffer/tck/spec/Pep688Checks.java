package dev.oldbuffer.tck.spec;

import dev.oldbuffer.catalogue.RefusalCause;
import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Fixture.PythonExporter.Mode;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.tck.Subject;
import dev.oldbuffer.tck.assertions.TckMessages;
import dev.oldbuffer.tck.fixtures.Fixtures;
import dev.oldbuffer.tck.oracle.Layout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks on Python-level exporters (PEP 688: {@code __buffer__} and {@code __release_buffer__}, Python 3.12+), shared
 * by the four functions. CPython's {@code slot_bf_getbuffer} asks the memoryview {@code __buffer__} returns for the
 * request, and calls {@code __release_buffer__} once for every view that was used.
 */
final class Pep688Checks {

    private Pep688Checks() {
    }

    static Fixture.PythonExporter exporter(Fixture base, Mode mode) {
        return new Fixture.PythonExporter(base, mode);
    }

    /**
     * Accepted: the memoryview's bytes and length; {@code __release_buffer__} ran once before the call returned. For a
     * fresh copy the address is not read: the copy died with the release inside the call (the page's lifetime warning).
     */
    static void accepted(Subject s, Function f) {
        List<Fixture.PythonExporter> objects = new ArrayList<>(List.of(
                exporter(Fixture.bytearray(Fixtures.ascii("exported by python")), Mode.WELL_BEHAVED)));
        if (!f.needsWritable()) {
            objects.add(exporter(Fixture.bytes(Fixtures.ascii("read-only bytes")), Mode.WELL_BEHAVED));
            objects.add(exporter(Fixture.bytearray(Fixtures.ascii("a fresh copy")), Mode.COPY));
        }
        for (Fixture.PythonExporter object : objects) {
            Layout layout = s.layout(object);
            ObjRef obj = s.create(object);
            CallResult r = callAccepted(s, f, obj, layout);
            if (f.hasOutParameters()) {
                if (s.has(Feature.MEMORY_READ) && !object.mode().memoryDiesWithTheRelease()) {
                    s.verify(r).pointsAt(layout.data());
                }
                if (f.needsWritable() && s.has(Feature.MEMORY_WRITE)) {
                    byte[] pattern = new byte[layout.byteLength()];
                    Arrays.fill(pattern, (byte) 0x5a);
                    s.writeThrough(r, layout.data(), pattern);
                    byte[] seen = s.contents(obj);
                    if (!Arrays.equals(seen, pattern)) {
                        throw TckMessages.shouldHave(s.context(f), r, "make bytes written at the address the bytearray's content",
                                Arrays.toString(pattern), Arrays.toString(seen));
                    }
                }
            }
            Checks.releasedOnce(s, r, obj, " (one __release_buffer__ call)");
        }
    }

    /**
     * Refused, with the profile's error for the cause: {@code __buffer__} raises (ValueError), returns no memoryview
     * (TypeError), refuses a second acquire while a view is held (BufferError), or hands out a strided memoryview; for
     * AsWriteBuffer also a read-only one. CheckReadBuffer answers 0 and leaves no error.
     */
    static void refused(Subject s, Function f, String id) {
        record Case(Fixture.PythonExporter object, RefusalCause cause, String raised, boolean held) { }
        Fixture bytearray = Fixture.bytearray(Fixtures.ascii("abcdef"));
        List<Case> cases = new ArrayList<>(List.of(
                new Case(exporter(bytearray, Mode.RAISES), RefusalCause.REFUSED, "ValueError", false),
                new Case(exporter(bytearray, Mode.WRONG_TYPE), RefusalCause.REFUSED, "TypeError", false),
                new Case(exporter(bytearray, Mode.ONCE), RefusalCause.REFUSED, "BufferError", true),
                new Case(exporter(new Fixture.Sliced(Fixture.memoryview(bytearray), null, null, 2), Mode.WELL_BEHAVED),
                        RefusalCause.NOT_CONTIGUOUS, "BufferError", false)));
        if (f.needsWritable()) {
            cases.add(new Case(exporter(Fixture.bytes(Fixtures.ascii("abc")), Mode.WELL_BEHAVED), RefusalCause.READ_ONLY,
                    "BufferError", false));
            cases.add(new Case(exporter(bytearray, Mode.COPY), RefusalCause.READ_ONLY, "BufferError", false));
        }
        for (Case c : cases) {
            ObjRef obj = s.create(c.object());
            if (c.held()) {
                s.create(Fixture.memoryview(new Fixture.Existing(obj)));   // a view it handed out, still held
            }
            CallResult r = s.call(f, obj);
            if (f == Function.CHECK_READ_BUFFER) {
                s.verify(r).returned(0).hasNoErrorSet();
            } else {
                String type = f.needsWritable() ? "TypeError" : s.expected(id).errorFor(c.cause(), Optional.of(c.raised()));
                s.verify(r).failed().hasErrorType(type);
                s.fetchError();
            }
        }
    }

    /**
     * A {@code __release_buffer__} that raises, or that clears the bytearray it exports, stays inside the call: the call
     * answers as for the object it acquired, leaves no error set, and the release ran once.
     */
    static void releaseTroubleStaysInside(Subject s, Function f) {
        for (Mode mode : List.of(Mode.RELEASE_RAISES, Mode.RELEASE_CLEARS)) {
            Fixture.PythonExporter object = exporter(Fixture.bytearray(Fixtures.ascii("released")), mode);
            ObjRef obj = s.create(object);
            CallResult r = callAccepted(s, f, obj, s.layout(object));
            Checks.releasedOnce(s, r, obj, " (one __release_buffer__ call)");
            if (mode == Mode.RELEASE_CLEARS && s.contents(obj).length != 0) {
                throw TckMessages.shouldHave(s.context(f), r, "have let __release_buffer__ clear the bytearray before returning",
                        "an empty bytearray", s.contents(obj).length + " bytes");
            }
        }
    }

    /** Calls {@code f}, which must accept the object: its success value, no error, the length of its bytes. */
    private static CallResult callAccepted(Subject s, Function f, ObjRef obj, Layout layout) {
        CallResult r = s.call(f, obj);
        s.verify(r).returned(f.accepted()).hasNoErrorSet();
        if (f.hasOutParameters()) {
            s.verify(r).hasLength(layout.byteLength());
        }
        return r;
    }
}
