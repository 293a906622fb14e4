package dev.oldbuffer.tck.spec;


import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.ExportCounts;
import dev.oldbuffer.spi.ExporterSpec;
import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.spi.OutSlots;
import dev.oldbuffer.spi.PyError;
import dev.oldbuffer.tck.Subject;
import dev.oldbuffer.tck.assertions.TckMessages;
import dev.oldbuffer.tck.fixtures.Fixtures;
import dev.oldbuffer.tck.oracle.Layout;
import java.util.List;

/**
 * Checks shared by several functions; each spec method names its assertion and calls one of these with its
 * function. Kept free of JUnit so that the spec classes stay a readable list of the catalogue.
 */
final class Checks {

    static final String NULL_ARGUMENT = "null argument to internal routine";

    private Checks() {
    }

    /** Every fixture of the group: the call returns {@code expected}. */
    static void returns(Subject s, Function f, List<Fixture> fixtures, int expected) {
        for (Fixture fixture : fixtures) {
            s.verify(s.call(f, fixture)).returned(expected);
            s.fetchError();
        }
    }

    /** Every fixture of the group: the call returns -1 and sets this error type. */
    static void failsWith(Subject s, Function f, List<Fixture> fixtures, String errorType) {
        for (Fixture fixture : fixtures) {
            s.verify(s.call(f, fixture)).failed().hasErrorType(errorType);
            s.fetchError();
        }
    }

    static void failsWithMessage(Subject s, Function f, List<Fixture> fixtures,
                                 java.util.function.BiFunction<Subject, Fixture, String> message) {
        for (Fixture fixture : fixtures) {
            s.verify(s.call(f, fixture)).failed().hasErrorMessage(message.apply(s, fixture));
            s.fetchError();
        }
    }

    /** Success: the address holds exactly the object's logical bytes. */
    static void pointsAtContents(Subject s, Function f, List<Fixture> fixtures) {
        for (Fixture fixture : fixtures) {
            Layout expected = s.layout(fixture);
            s.verify(s.call(f, fixture)).succeeded().pointsAt(expected.data());
        }
    }

    /** Success: the length is the byte length (item size times items). */
    static void lengthIsByteSize(Subject s, Function f, List<Fixture> fixtures) {
        for (Fixture fixture : fixtures) {
            s.verify(s.call(f, fixture)).succeeded().hasLength(s.layout(fixture).byteLength());
        }
    }

    /** Success leaves no error; failures are not part of this check. */
    static void successLeavesNoError(Subject s, Function f, List<Fixture> fixtures) {
        for (Fixture fixture : fixtures) {
            s.verify(s.call(f, fixture)).succeeded().hasNoErrorSet();
        }
    }

    /** A change made through a mutable object after the call shows at the returned address. */
    static void addressIsObjectsMemory(Subject s, Function f) {
        List<Fixture> mutable = new java.util.ArrayList<>(List.of(Fixture.bytearray(Fixtures.ascii("abcdef")),
                Fixture.memoryview(Fixture.bytearray(Fixtures.ascii("ghijkl")))));
        if (s.has(Feature.ARRAY_MODULE)) {
            mutable.add(new Fixture.ArrayOf('i', Fixtures.ints123()));
        }
        if (s.has(Feature.CONFIGURABLE_EXPORTER)) {
            mutable.add(Fixture.exporter(ExporterSpec.writable(Fixtures.ascii("exported"))));
        }
        for (Fixture fixture : mutable) {
            ObjRef obj = s.create(fixture);
            CallResult r = s.call(f, obj);
            s.verify(r).succeeded();
            byte[] before = s.layout(fixture).data();
            before[2] = (byte) 0xA5;
            s.setItem(obj, 2, (byte) 0xA5);
            s.verify(r).pointsAt(before);
        }
    }

    /** A contiguous slice of a memoryview points at the slice's first byte inside its base. */
    static void slicePointsIntoBase(Subject s, Function f) {
        ObjRef base = s.create(Fixture.bytearray(Fixtures.ascii("0123456789")));
        CallResult whole = s.call(f, base);
        s.verify(whole).succeeded();
        record Cut(Integer start, Integer stop, int step) { }
        // the middle, from the end, one item backwards, empty; then bounds at and beyond both ends, where Python clamps
        for (Cut cut : List.of(new Cut(3, 8, 1), new Cut(-4, null, 1), new Cut(6, 5, -1), new Cut(0, 0, 1),
                new Cut(10, 8, -1), new Cut(-10, -11, -1), new Cut(-11, 2, 1), new Cut(10, null, 1), new Cut(7, 100, 1))) {
            Fixture slice = new Fixture.Sliced(Fixture.memoryview(new Fixture.Existing(base)), cut.start(), cut.stop(), cut.step());
            Layout layout = s.layout(slice);
            CallResult r = s.call(f, s.create(slice));
            s.verify(r).succeeded().hasLength(layout.byteLength());
            if (layout.byteLength() > 0) {
                s.verify(r).pointsTo(whole.buffer() + layout.offset(), "base address + " + layout.offset());
            }
        }
    }

    /** Every acquire of the exporter is matched by a release when the call returns, success or not. */
    static void exporterBalanced(Subject s, Function f, List<ExporterSpec> specs) {
        for (ExporterSpec spec : specs) {
            ObjRef exporter = s.create(Fixture.exporter(spec));
            CallResult r = s.call(f, exporter);
            s.fetchError();
            s.verifyNoLongerExported(r, exporter);
        }
    }

    /** After a successful call, a bytearray and an array can be resized and a memoryview released. */
    static void noLongerExported(Subject s, Function f) {
        List<Fixture> objects = new java.util.ArrayList<>(List.of(Fixture.bytearray(Fixtures.ascii("resizable")),
                Fixture.memoryview(Fixture.bytearray(Fixtures.ascii("releasable")))));
        if (s.has(Feature.ARRAY_MODULE)) {
            objects.add(new Fixture.ArrayOf('h', new byte[] {1, 0, 2, 0}));
        }
        if (s.has(Feature.MMAP)) {
            objects.addAll(Fixtures.writableMmaps());   // close() allowed again
        }
        for (Fixture fixture : objects) {
            ObjRef obj = s.create(fixture);
            CallResult r = s.call(f, obj);
            s.verify(r).returned(f.accepted());
            s.verifyNoLongerExported(r, obj);
        }
    }

    /** On failure, neither out-parameter is written. */
    static void failureLeavesSlots(Subject s, Function f, List<Fixture> failing) {
        for (Fixture fixture : failing) {
            s.verify(s.call(f, fixture)).failed().leftOutParamsUntouched();
            s.fetchError();
        }
    }

    /** NULL object, NULL buffer, NULL length: -1 with SystemError. */
    static void nullArguments(Subject s, Function f) {
        ObjRef ok = s.create(Fixture.bytearray(Fixtures.ascii("abc")));
        record Args(ObjRef object, OutSlots slots) { }
        for (Args a : List.of(new Args(ObjRef.NULL, OutSlots.sentinels()), new Args(ok, OutSlots.nullBuffer()),
                new Args(ok, OutSlots.nullLength()))) {
            s.verify(s.call(f, a.object(), a.slots())).failed().hasErrorType("SystemError").hasErrorMessage(NULL_ARGUMENT);
            s.fetchError();
        }
    }

    /** NULL object, NULL buffer, NULL length while an error is set: -1, and the earlier error is still the one set. */
    static void nullArgumentsKeepAnEarlierError(Subject s, Function f) {
        ObjRef ok = s.create(Fixture.bytearray(Fixtures.ascii("abc")));
        PyError preset = new PyError("RuntimeError", "set before the call");
        record Args(ObjRef object, OutSlots slots) { }
        for (Args a : List.of(new Args(ObjRef.NULL, OutSlots.sentinels()), new Args(ok, OutSlots.nullBuffer()),
                new Args(ok, OutSlots.nullLength()))) {
            s.setError(preset);
            s.verify(s.call(f, a.object(), a.slots())).failed().hasErrorType(preset.type()).hasErrorMessage(preset.message());
            s.fetchError();
        }
    }

    /**
     * An instance of a subclass of bytes, bytearray or array.array gets the answer an instance of the base type gets:
     * the same return value, length and error, the address of its own data.
     */
    static void subclassesAsTheirBase(Subject s, Function f) {
        for (List<Fixture> pair : Fixtures.subclassesAndTheirBases(s.runtime().features())) {
            CallResult base = s.call(f, pair.get(0));
            s.fetchError();
            Fixture subclass = pair.get(1);
            Layout layout = s.layout(subclass);
            CallResult r = s.call(f, subclass);
            s.fetchError();
            s.verify(r).returned(base.returnValue());
            if (f.hasOutParameters() && r.returnValue() == 0) {
                s.verify(r).hasLength(base.length());
                if (s.has(Feature.MEMORY_READ)) {
                    s.verify(r).pointsAt(layout.data());
                }
            } else if (base.error().isPresent()) {
                s.verify(r).hasErrorType(base.error().get().type());
            } else {
                s.verify(r).hasNoErrorSet();
            }
        }
    }

    /**
     * Writes through the address AsWriteBuffer gives for a writable mmap reach the map, and the file behind an ACCESS_WRITE
     * one after flush(), but never the file behind an ACCESS_COPY one.
     */
    static void writesThroughAnMmap(Subject s) {
        for (Fixture.Mmap map : Fixtures.writableMmaps()) {
            ObjRef obj = s.create(map);
            CallResult r = s.call(Function.AS_WRITE_BUFFER, obj);
            byte[] pattern = new byte[map.length()];
            for (int i = 0; i < pattern.length; i++) {
                pattern[i] = (byte) (0x80 + i);
            }
            s.writeThrough(r, map.contents(), pattern);
            byte[] seen = s.contents(obj);
            if (!java.util.Arrays.equals(seen, pattern)) {
                throw TckMessages.shouldHave(s.context(Function.AS_WRITE_BUFFER), r, "make bytes written at the address what "
                        + map.describe() + "[:] shows", hex(pattern), hex(seen));
            }
            if (map.fileBacked()) {
                byte[] expected = map.access() == Fixture.Mmap.Access.WRITE ? pattern : map.contents();
                byte[] file = s.fileContents(obj);
                if (!java.util.Arrays.equals(file, expected)) {
                    throw TckMessages.shouldHave(s.context(Function.AS_WRITE_BUFFER), r, "leave the file behind " + map.describe()
                            + (map.access() == Fixture.Mmap.Access.WRITE ? " holding the bytes written" : " as it was"),
                            hex(expected), hex(file));
                }
            }
        }
    }

    private static String hex(byte[] data) {
        return java.util.HexFormat.ofDelimiter(" ").formatHex(data);
    }

    /** The exporter's last request carried exactly these flags. */
    static void requests(Subject s, Function f, ExporterSpec spec, int flags, String name) {
        ObjRef exporter = s.create(Fixture.exporter(spec));
        CallResult r = s.call(f, exporter);
        int seen = s.exportCounts(exporter).lastFlags();
        if (seen != flags) {
            throw TckMessages.shouldRequest(s.context(f), r, name + " (" + flags + ")",
                    seen == -1 ? "no request at all" : "0x" + Integer.toHexString(seen));
        }
    }

    /** A successful call leaves a pre-set error in place. */
    static void keepsPresetError(Subject s, Function f, Fixture fixture, int successValue) {
        PyError preset = new PyError("RuntimeError", "set before the call");
        ObjRef obj = s.create(fixture);
        s.setError(preset);
        CallResult r = s.call(f, obj);
        s.verify(r).returned(successValue).hasErrorType(preset.type()).hasErrorMessage(preset.message());
    }

    /** The TypeError's text for an object without the buffer interface names its type. */
    static String bytesLikeRequired(Subject s, Fixture fixture) {
        return "a bytes-like object is required, not '" + s.layout(fixture).typeName() + "'";
    }

    /** The exporter of {@code obj} counted exactly one acquire and one release ({@code how} names the release). */
    static void releasedOnce(Subject s, CallResult r, ObjRef obj, String how) {
        ExportCounts counts = s.exportCounts(obj);
        if (counts.acquires() != 1 || counts.releases() != 1) {
            throw TckMessages.shouldRelease(s.context(r.function()), r, "1 acquired, 1 released" + how,
                    counts.acquires() + " acquired, " + counts.releases() + " released");
        }
    }

    /** ctypes objects: {@link #sharesItsMemory} for one of each type. */
    static void ctypesObjects(Subject s, Function f) {
        sharesItsMemory(s, f, Fixtures.ctypesObjects());
    }

    /**
     * Objects whose memory the call must hand over as it is (ctypes objects, memoryviews over C memory): accepted with
     * their size in bytes; the address is their memory - for a writable object a store through the object shows there
     * - and, for AsWriteBuffer, bytes written at it show in the object.
     */
    static void sharesItsMemory(Subject s, Function f, List<? extends Fixture> fixtures) {
        for (Fixture fixture : fixtures) {
            Layout layout = s.layout(fixture);
            ObjRef obj = s.create(fixture);
            CallResult r = s.call(f, obj);
            s.verify(r).returned(f.accepted()).hasNoErrorSet();
            if (!f.hasOutParameters()) {
                continue;
            }
            byte[] expected = layout.data();
            s.verify(r).hasLength(expected.length);
            if (s.has(Feature.MEMORY_READ)) {
                if (!layout.readOnly() && expected.length > 0) {
                    expected[0] ^= 0x5a;
                    s.setItem(obj, 0, expected[0]);
                }
                s.verify(r).pointsAt(expected);
            }
            if (f.needsWritable() && s.has(Feature.MEMORY_WRITE)) {
                byte[] pattern = new byte[expected.length];
                java.util.Arrays.fill(pattern, (byte) 0x3c);
                s.writeThrough(r, s.contents(obj), pattern);
                byte[] seen = s.contents(obj);
                if (!java.util.Arrays.equals(seen, pattern)) {
                    throw TckMessages.shouldHave(s.context(f), r, "make bytes written at the address the content of "
                            + fixture.describe(), hex(pattern), hex(seen));
                }
            }
        }
    }

    /**
     * A bytearray subclass that overrides __buffer__ is exported through its override: what {@link #sharesItsMemory}
     * checks for the bytes it exports, then one acquire and one release, and the bytearray no longer exported.
     */
    static void exportsThroughItsOverride(Subject s, Function f) {
        Fixture.BufferOverride fixture = Fixtures.bufferOverride();
        sharesItsMemory(s, f, List.of(fixture));
        ObjRef obj = s.create(fixture);
        CallResult r = s.call(f, obj);
        s.verify(r).returned(f.accepted());
        releasedOnce(s, r, obj, "");
        s.verifyNoLongerExported(r, obj);
    }

    /**
     * An anonymous map of just over 2 GiB: accepted with its whole length - no truncation to 32 bits - at an address
     * where a store through the map shows and whose last byte is mapped (for AsWriteBuffer, writable); afterwards the
     * map can be closed.
     */
    static void largeMapsKeepTheirFullLength(Subject s, Function f) {
        Fixture.LargeMap fixture = new Fixture.LargeMap(Fixture.LargeMap.OVER_2_GIB);
        long last = fixture.length() - 1;
        ObjRef obj = s.create(fixture);
        s.setItem(obj, 0, (byte) 0x5a);
        CallResult r = s.call(f, obj);
        s.verify(r).returned(f.accepted()).hasNoErrorSet();
        if (f.hasOutParameters()) {
            s.verify(r).hasLength(fixture.length());
            if (s.has(Feature.MEMORY_READ)) {
                s.verify(r).pointsAt(new byte[] {0x5a});   // the store made through the map, at the start
                s.read(r.buffer() + last, 1);   // fails the test when the last byte is not mapped
            }
            if (f.needsWritable() && s.has(Feature.MEMORY_WRITE) && s.has(Feature.MEMORY_READ)) {
                s.write(r.buffer() + last, new byte[] {0x33});
                byte[] seen = s.read(r.buffer() + last, 1);
                if (seen[0] != 0x33) {
                    throw TckMessages.shouldHave(s.context(f), r, "keep a byte written at the last address", "33", hex(seen));
                }
            }
        }
        if (!s.tryRelease(obj)) {
            throw TckMessages.shouldRelease(s.context(f), r, "the map can be closed", "close() refused: still exported");
        }
    }
}
