package dev.oldbuffer.reference.capi;

import static dev.oldbuffer.spi.Function.AS_CHAR_BUFFER;
import static dev.oldbuffer.spi.Function.AS_READ_BUFFER;
import static dev.oldbuffer.spi.Function.AS_WRITE_BUFFER;
import static dev.oldbuffer.spi.Function.CHECK_READ_BUFFER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oldbuffer.reference.objects.ConfigurableExporter;
import dev.oldbuffer.reference.objects.PyByteArray;
import dev.oldbuffer.reference.objects.PyBytes;
import dev.oldbuffer.reference.objects.PyException;
import dev.oldbuffer.reference.objects.PyInt;
import dev.oldbuffer.reference.objects.PyMemoryView;
import dev.oldbuffer.reference.objects.PyNone;
import dev.oldbuffer.reference.objects.PyObject;
import dev.oldbuffer.reference.objects.PyStr;
import dev.oldbuffer.spi.ExportCounts;
import dev.oldbuffer.spi.ExporterSpec;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.PyError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The page's promises: success fills both slots, every failure is -1 with a TypeError, the check never errs. */
class DocumentedFunctionsTest {

    private final Call c = new Call(new DocumentedFunctions());

    private PyBytes bytes(String s) {
        return new PyBytes(c.interp.memory(), c.ascii(s));
    }

    private PyByteArray bytearray(String s) {
        return new PyByteArray(c.interp.memory(), c.ascii(s));
    }

    /** Everything the read functions must refuse: no buffer, not contiguous, refusing exporters. */
    private List<PyObject> unreadable() throws PyException {
        PyMemoryView released = c.memoryview(bytes("gone"));
        released.release();
        List<PyObject> out = new ArrayList<>(List.of(new PyStr("str"), new PyInt(5), PyNone.NONE,
                c.memoryview(bytes("abcdef")).slice(null, null, 2),
                c.memoryview(bytes("abcd")).slice(null, null, -1),
                new ConfigurableExporter(c.interp.memory(), ExporterSpec.strided(2, c.ascii("strided"))),
                new ConfigurableExporter(c.interp.memory(), ExporterSpec.failing("ValueError")),
                released));
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = Function.class, names = {"AS_CHAR_BUFFER", "AS_READ_BUFFER", "AS_WRITE_BUFFER"})
    void everyFailureIsMinusOneWithATypeErrorAndUntouchedSlots(Function f) throws PyException {
        for (PyObject obj : unreadable()) {
            Call.Outcome o = c.call(f, obj);

            assertThat(o.result()).as(obj.typeName()).isEqualTo(-1);
            assertThat(o.errorType()).as(obj.typeName()).isEqualTo("TypeError");
            assertThat(o.slotsUntouched()).isTrue();
            c.interp.threadState().clear();
        }
    }

    @Test
    void theTypeErrorStillSaysWhatTheExporterObjectedTo() throws PyException {
        Call.Outcome strided = c.call(AS_CHAR_BUFFER, c.memoryview(bytes("abcdef")).slice(null, null, 2));
        c.interp.threadState().clear();
        Call.Outcome str = c.call(AS_READ_BUFFER, new PyStr("s"));
        c.interp.threadState().clear();
        Call.Outcome readOnly = c.call(AS_WRITE_BUFFER, bytes("abc"));

        assertThat(strided.errorMessage()).contains("single-segment character").contains("not C-contiguous");
        assertThat(str.errorMessage()).isEqualTo("a bytes-like object is required, not 'str'");
        assertThat(readOnly.errorMessage()).contains("writable").contains("Object is not writable.");
    }

    @ParameterizedTest
    @EnumSource(value = Function.class, names = {"AS_CHAR_BUFFER", "AS_READ_BUFFER", "AS_WRITE_BUFFER"})
    void nullArgumentsAreATypeErrorToo(Function f) {
        PyByteArray b = bytearray("abc");

        assertThat(c.call(f, null).error()).map(PyError::type).contains("TypeError");
        c.interp.threadState().clear();
        Call.Outcome noBuffer = c.call(f, b, null, new OutPointer(-7777));
        assertThat(noBuffer.result()).isEqualTo(-1);
        assertThat(noBuffer.length()).isEqualTo(-7777);
        assertThat(noBuffer.errorType()).isEqualTo("TypeError");
        assertThat(b.exports()).isZero();
    }

    @Test
    void checkReadBufferAnswersOneOrZeroAndNeverLeavesAnErrorOfItsOwn() throws PyException {
        for (PyObject obj : unreadable()) {
            Call.Outcome o = c.call(CHECK_READ_BUFFER, obj);

            assertThat(o.result()).as(obj.typeName()).isZero();
            assertThat(o.error()).isEmpty();
        }
        assertThat(c.call(CHECK_READ_BUFFER, null).result()).isZero();
        assertThat(c.call(CHECK_READ_BUFFER, bytes("abc")).result()).isEqualTo(1);
        assertThat(c.call(CHECK_READ_BUFFER, bytearray("")).result()).isEqualTo(1);
    }

    @Test
    void checkReadBufferPutsBackTheCallersError() {
        c.interp.threadState().set("KeyError", "the caller's");

        Call.Outcome o = c.call(CHECK_READ_BUFFER, new ConfigurableExporter(c.interp.memory(), ExporterSpec.failing("ValueError")));

        assertThat(o.error()).contains(new PyError("KeyError", "the caller's"));
    }

    @ParameterizedTest
    @EnumSource(value = Function.class, names = {"AS_CHAR_BUFFER", "AS_READ_BUFFER", "AS_WRITE_BUFFER"})
    void successFillsBothSlotsAndReleasesTheView(Function f) throws PyException {
        PyByteArray base = bytearray("0123456789");
        PyMemoryView slice = c.memoryview(base).slice(2, 7, 1);
        ConfigurableExporter e = new ConfigurableExporter(c.interp.memory(), ExporterSpec.writable(c.ascii("exported")));

        Call.Outcome o = c.call(f, slice);
        Call.Outcome viaExporter = c.call(f, e);

        assertThat(o.result()).isZero();
        assertThat(o.buffer()).isEqualTo(base.address() + 2);
        assertThat(o.length()).isEqualTo(5);
        assertThat(o.error()).isEmpty();
        assertThat(slice.exports()).isZero();
        assertThat(viaExporter.buffer()).isEqualTo(e.address());
        assertThat(e.counts()).isEqualTo(new ExportCounts(1, 1, f == AS_WRITE_BUFFER ? 1 : 0));
    }

    @Test
    void readOnlyObjectsAreReadableButNotWritable() throws PyException {
        PyMemoryView frozen = c.memoryview(bytearray("frozen")).toReadOnly();

        assertThat(c.call(AS_CHAR_BUFFER, frozen).result()).isZero();
        assertThat(c.call(AS_WRITE_BUFFER, frozen).result()).isEqualTo(-1);
    }
}
