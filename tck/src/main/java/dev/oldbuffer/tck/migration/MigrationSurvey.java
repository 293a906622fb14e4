package dev.oldbuffer.tck.migration;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.oldbuffer.results.MigrationNote;
import dev.oldbuffer.spi.Acquisition;
import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.ExporterSpec;
import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.spi.OldBufferRuntime;
import dev.oldbuffer.spi.OutSlots;
import dev.oldbuffer.spi.PyError;
import dev.oldbuffer.spi.Replacement;
import dev.oldbuffer.spi.RuntimeFailure;
import dev.oldbuffer.tck.fixtures.Fixtures;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a maintainer who replaces the old calls by the ones the page recommends will see change on a runtime: each old
 * call and its replacement on one object of every kind, noted where their answers differ (accepted or not, the length,
 * the error type), and, for a bytearray, how long it stays exported. The catalogue's replacement assertions say which
 * differences are intended; this survey shows them, and any others, object by object.
 */
@API(status = EXPERIMENTAL, since = "0.3")
public final class MigrationSurvey {

    /** An old call and the replacement the page recommends for it. */
    enum Migration {
        CHAR_TO_Y_STAR(Function.AS_CHAR_BUFFER, Replacement.PARSE_Y_STAR),
        CHAR_TO_S_STAR(Function.AS_CHAR_BUFFER, Replacement.PARSE_S_STAR),
        READ_TO_GET_BUFFER(Function.AS_READ_BUFFER, Replacement.GET_BUFFER_SIMPLE),
        READ_TO_Y_HASH(Function.AS_READ_BUFFER, Replacement.PARSE_Y_HASH),
        WRITE_TO_GET_BUFFER(Function.AS_WRITE_BUFFER, Replacement.GET_BUFFER_WRITABLE),
        WRITE_TO_W_STAR(Function.AS_WRITE_BUFFER, Replacement.PARSE_W_STAR),
        /** PyObject_CheckBuffer, which is no acquiring call. */
        CHECK_TO_CHECK_BUFFER(Function.CHECK_READ_BUFFER, null);

        final Function from;
        final Replacement to;

        Migration(Function from, Replacement to) {
            this.from = from;
            this.to = to;
        }

        String toName() {
            return to == null ? "PyObject_CheckBuffer(obj)" : to.cCall();
        }
    }

    private MigrationSurvey() {
    }

    /** The objects surveyed: one of each kind, in a fixed order (those the runtime cannot build are noted as such). */
    static List<Fixture> objects() {
        byte[] abc = Fixtures.ascii("abc");
        List<Fixture> all = new ArrayList<>(List.of(
                Fixture.bytes(abc), Fixture.bytearray(abc), new Fixture.ArrayOf('i', Fixtures.ints123()),
                Fixture.memoryview(Fixture.bytearray(abc)), new Fixture.ReadOnly(Fixture.memoryview(Fixture.bytearray(abc))),
                new Fixture.Sliced(Fixture.memoryview(Fixture.bytearray(Fixtures.ascii("abcdef"))), null, null, 2),
                new Fixture.Subclass(Fixture.bytearray(abc)), Fixture.str("abc"), Fixture.none(),
                Fixture.exporter(ExporterSpec.writable(abc)), Fixture.exporter(ExporterSpec.failing("BufferError")),
                Fixture.exporter(ExporterSpec.breaking(ExporterSpec.RuleBreak.FORTRAN_ORDER, Fixtures.ascii("abcd"))),
                new Fixture.Mmap(abc, 8, Fixture.Mmap.Access.WRITE, false, false),
                new Fixture.Mmap(abc, 8, Fixture.Mmap.Access.READ, true, false),
                Fixtures.readOnlyCMemory(),
                new Fixture.PythonExporter(Fixture.bytearray(abc), Fixture.PythonExporter.Mode.WELL_BEHAVED)));
        all.addAll(Fixtures.ctypesObjects().subList(0, 1));
        all.add(new Fixture.Released(Fixture.memoryview(Fixture.bytes(abc))));   // last: PyPy crashes on it
        return all;
    }

    /**
     * Surveys a runtime with {@link Feature#NEW_BUFFER_API}; empty for one without. A crash of the runtime becomes a note
     * of its own, and the survey goes on with the next object (the runtime restarts on {@link OldBufferRuntime#reset}).
     */
    public static List<MigrationNote> survey(OldBufferRuntime rt) {
        List<MigrationNote> notes = new ArrayList<>();
        if (!rt.features().contains(Feature.NEW_BUFFER_API)) {
            return notes;
        }
        for (Fixture object : objects()) {
            Set<Feature> missing = EnumSet.copyOf(object.features().isEmpty() ? EnumSet.noneOf(Feature.class) : object.features());
            missing.removeAll(rt.features());
            if (!missing.isEmpty()) {   // said, so that "no note" always means "no change"
                notes.add(new MigrationNote("every call", "every replacement", object.describe(), "-", "not built: the runtime lacks "
                        + missing.stream().map(Enum::name).collect(Collectors.joining(", "))));
                continue;
            }
            for (Migration m : Migration.values()) {
                try {
                    compare(rt, m, object).ifPresent(notes::add);
                } catch (RuntimeFailure e) {   // noted once: the object's other calls would only restart the runtime again
                    notes.add(new MigrationNote(m.from.cName(), m.toName(), object.describe(), "-",
                            "the runtime " + e.kind().name().toLowerCase() + " (" + e.summary() + "); its other calls not surveyed"));
                    break;
                } catch (RuntimeException e) {   // the runtime could not build or observe the object: say so, go on
                    notes.add(new MigrationNote(m.from.cName(), m.toName(), object.describe(), "-", "not surveyed: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
                    break;
                } finally {
                    rt.reset();
                }
            }
            if (rt.features().contains(Feature.EXPORT_PROBES) && object instanceof Fixture.ByteArray) {
                try {
                    lifetime(rt, object).ifPresent(notes::add);
                } finally {
                    rt.reset();
                }
            }
        }
        return notes;
    }

    private static Optional<MigrationNote> compare(OldBufferRuntime rt, Migration m, Fixture object) {
        ObjRef obj = rt.create(object);
        String after;
        if (m.to == null) {
            after = Integer.toString(rt.checkBuffer(obj));
        } else {
            Acquisition a = rt.acquire(m.to, obj);
            if (a.holdsView()) {
                rt.release(a);
            }
            after = a.accepted() ? "accepted, " + a.len() + " bytes" : "refused: " + a.error().map(PyError::type).orElse("no error set");
        }
        CallResult old = rt.call(m.from, obj, OutSlots.sentinels());
        Optional<PyError> error = rt.fetchError();
        String before = m.from.hasOutParameters()
                ? old.returnValue() == 0 ? "accepted, " + old.length() + " bytes" : "refused: " + error.map(PyError::type).orElse("no error set")
                : Integer.toString(old.returnValue());
        return before.equals(after) ? Optional.empty() : Optional.of(new MigrationNote(m.from.cName(), m.toName(), object.describe(), before, after));
    }

    /** How long the bytearray stays exported: the old call gives its view back, GetBuffer keeps it until PyBuffer_Release. */
    private static Optional<MigrationNote> lifetime(OldBufferRuntime rt, Fixture object) {
        ObjRef obj = rt.create(object);
        rt.call(Function.AS_READ_BUFFER, obj, OutSlots.sentinels());
        rt.fetchError();
        String before = rt.tryResize(obj) ? "resizable after the call" : "still exported after the call";
        Acquisition held = rt.acquire(Replacement.GET_BUFFER_SIMPLE, obj);
        String after = !held.accepted() ? "refused"
                : rt.tryResize(obj) ? "resizable while the view is held" : "exported until PyBuffer_Release";
        if (held.holdsView()) {
            rt.release(held);
        }
        return Optional.of(new MigrationNote(Function.AS_READ_BUFFER.cName(), Replacement.GET_BUFFER_SIMPLE.cCall(),
                object.describe(), before, after));
    }
}
