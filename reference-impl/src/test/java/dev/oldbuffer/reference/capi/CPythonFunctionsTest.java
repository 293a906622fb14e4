package dev.oldbuffer.reference.capi;

import static dev.oldbuffer.spi.Function.AS_CHAR_BUFFER;
import static dev.oldbuffer.spi.Function.AS_READ_BUFFER;
import static dev.oldbuffer.spi.Function.AS_WRITE_BUFFER;
import static dev.oldbuffer.spi.Function.CHECK_READ_BUFFER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oldbuffer.reference.objects.ConfigurableExporter;
import dev.oldbuffer.reference.objects.PyArray;
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
import dev.oldbuffer.spi.PyBuf;
import dev.oldbuffer.spi.PyError;
import dev.oldbuffer.spi.RuntimeFailure;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rows of DESIGN.md section 2 (CPython column), and CPython's code paths around them. */
class CPythonFunctionsTest {

    private final Call c = new Call(new CPythonFunctions());

    private PyBytes bytes(String s) {
        return new PyBytes(c.interp.memory(), c.ascii(s));
    }

    private PyByteArray bytearray(String s) {
        return new PyByteArray(c.interp.memory(), c.ascii(s));
    }

    @ParameterizedTest
    @EnumSource(value = Function.class, names = {"AS_CHAR_BUFFER", "AS_READ_BUFFER"})
    void bytesGiveTheirOwnAddressAndLength(Function f) {
        PyBytes hello = bytes("hello");

        Call.Outcome o = c.call(f, hello);

        assertThat(o.result()).isZero();
        assertThat(o.buffer()).isEqualTo(hello.address());
        assertThat(o.length()).isEqualTo(5);
        assertThat(o.error()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Function.class, names = {"AS_CHAR_BUFFER", "AS_READ_BUFFER"})
    void objectsWithoutBufferGiveGetBuffersTypeError(Function f) {
        for (PyObject obj : List.of(new PyStr("str"), new PyInt(5), PyNone.NONE)) {
            Call.Outcome o = c.call(f, obj);

            assertThat(o.result()).isEqualTo(-1);
            assertThat(o.error()).contains(new PyError("TypeError", "a bytes-like object is required, not '" + obj.typeName() + "'"));
            assertThat(o.slotsUntouched()).isTrue();
            c.interp.threadState().clear();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Function.class, names = {"AS_CHAR_BUFFER", "AS_READ_BUFFER"})
    void aNonContiguousMemoryviewPassesOnTheBufferError(Function f) throws PyException {
        PyMemoryView strided = c.memoryview(bytes("abcdef")).slice(null, null, 2);

        Call.Outcome o = c.call(f, strided);

        assertThat(o.result()).isEqualTo(-1);
        assertThat(o.error()).contains(new PyError("BufferError", "memoryview: underlying buffer is not C-contiguous"));
        assertThat(o.slotsUntouched()).isTrue();
    }

    @Test
    void anEmptySliceWithAStrideIsRefusedTooAsCPythonDoes() throws PyException {
        // CPython 3.11: memoryview(b'abcdef')[3:3:2] is not c_contiguous, so AsCharBuffer raises BufferError.
        Call.Outcome o = c.call(AS_CHAR_BUFFER, c.memoryview(bytes("abcdef")).slice(3, 3, 2));

        assertThat(o.errorType()).isEqualTo("BufferError");
    }

    @Test
    void anEmptyReversedTwoDimensionalViewSucceedsWithAPointerBeforeItsBase() throws PyException {
        // CPython 3.11: memoryview(b'abcdef').cast('B', [2, 3])[-10:-20:-1] gives 0, buf = base - 3, len 0.
        PyBytes base = bytes("abcdef");
        PyMemoryView empty = c.memoryview(base).cast("B", new int[] {2, 3}).slice(-10, -20, -1);

        Call.Outcome o = c.call(AS_CHAR_BUFFER, empty);

        assertThat(o.result()).isZero();
        assertThat(o.buffer()).isEqualTo(base.address() - 3);
        assertThat(o.length()).isZero();
        assertThat(c.interp.memory().read(o.buffer(), 0)).isEmpty();
    }

    @Test
    void checkReadBufferSaysNoToANonContiguousMemoryviewAndLeavesNoError() throws PyException {
        Call.Outcome o = c.call(CHECK_READ_BUFFER, c.memoryview(bytes("abcdef")).slice(null, null, 2));

        assertThat(o.result()).isZero();
        assertThat(o.error()).isEmpty();
    }

    @Test
    void asWriteBufferReplacesEveryRefusalWithOneTypeError() throws PyException {
        List<PyObject> refused = List.of(
                c.memoryview(bytearray("abcd")).slice(null, null, 2),
                bytes("abc"),
                new PyStr("s"),
                new ConfigurableExporter(c.interp.memory(), ExporterSpec.failing("ValueError")),
                c.memoryview(bytearray("abc")).toReadOnly());
        for (PyObject obj : refused) {
            Call.Outcome o = c.call(AS_WRITE_BUFFER, obj);

            assertThat(o.result()).as(obj.typeName()).isEqualTo(-1);
            assertThat(o.error()).contains(new PyError("TypeError", "expected a writable bytes-like object"));
            assertThat(o.slotsUntouched()).isTrue();
        }
    }

    @Test
    void anArrayOfIntsHasItsByteLength() {
        PyArray ints = new PyArray(c.interp.memory(), 'i', new byte[12]);

        Call.Outcome o = c.call(AS_READ_BUFFER, ints);

        assertThat(o.result()).isZero();
        assertThat(o.length()).isEqualTo(12);
        assertThat(o.buffer()).isEqualTo(ints.address());
    }

    @ParameterizedTest
    @EnumSource(value = Function.class, names = {"AS_CHAR_BUFFER", "AS_READ_BUFFER", "AS_WRITE_BUFFER"})
    void nullArgumentsGiveSystemError(Function f) {
        PyByteArray b = bytearray("abc");

        Call.Outcome noSlots = c.call(f, b, null, null);
        assertThat(noSlots.result()).isEqualTo(-1);
        assertThat(noSlots.error()).contains(new PyError("SystemError", "null argument to internal routine"));
        c.interp.threadState().clear();

        assertThat(c.call(f, null).errorType()).isEqualTo("SystemError");
        c.interp.threadState().clear();
        assertThat(c.call(f, b, new OutPointer(1), null).errorType()).isEqualTo("SystemError");
        assertThat(b.exports()).isZero();
    }

    @Test
    void nullErrorKeepsAnErrorThatWasAlreadySet() {
        c.interp.threadState().set("KeyError", "earlier");

        Call.Outcome o = c.call(AS_CHAR_BUFFER, null);

        assertThat(o.error()).contains(new PyError("KeyError", "earlier"));
    }

    @Test
    void checkReadBufferOfNullCrashes() {
        assertThatThrownBy(() -> c.call(CHECK_READ_BUFFER, null))
                .isInstanceOfSatisfying(RuntimeFailure.class, e -> assertThat(e.kind()).isEqualTo(RuntimeFailure.Kind.CRASHED));
    }

    @Test
    void aRefusingExporterPassesItsErrorThroughTheReadersOnly() {
        ConfigurableExporter e = new ConfigurableExporter(c.interp.memory(), ExporterSpec.failing("ValueError"));

        assertThat(c.call(AS_CHAR_BUFFER, e).error()).contains(new PyError("ValueError", "exporter refused"));
        c.interp.threadState().clear();
        assertThat(c.call(AS_READ_BUFFER, e).errorType()).isEqualTo("ValueError");
        c.interp.threadState().clear();
        assertThat(c.call(AS_WRITE_BUFFER, e).errorType()).isEqualTo("TypeError");
        c.interp.threadState().clear();
        Call.Outcome check = c.call(CHECK_READ_BUFFER, e);
        assertThat(check.result()).isZero();
        assertThat(check.error()).isEmpty();
        assertThat(e.counts().acquires()).isZero();
    }

    @Test
    void aReleasedMemoryviewGivesValueError() throws PyException {
        PyMemoryView m = c.memoryview(bytes("gone"));
        m.release();

        Call.Outcome o = c.call(AS_READ_BUFFER, m);

        assertThat(o.error()).contains(new PyError("ValueError", "operation forbidden on released memoryview object"));
    }

    @ParameterizedTest
    @EnumSource(Function.class)
    void everyAcquiredViewIsReleasedBeforeReturning(Function f) throws PyException {
        ConfigurableExporter e = new ConfigurableExporter(c.interp.memory(), ExporterSpec.writable(c.ascii("data")));
        PyByteArray b = bytearray("abc");
        PyMemoryView m = c.memoryview(bytearray("xyz"));

        for (PyObject obj : List.of(e, b, m)) {
            assertThat(c.call(f, obj).result()).isIn(0, 1);
        }

        assertThat(e.counts()).isEqualTo(new ExportCounts(1, 1, f == AS_WRITE_BUFFER ? PyBuf.WRITABLE : PyBuf.SIMPLE));
        assertThat(b.tryGrowAndShrink()).isTrue();
        m.release();
    }

    @Test
    void aSuccessfulCallLeavesAnEarlierErrorInPlace() {
        c.interp.threadState().set("KeyError", "earlier");

        Call.Outcome o = c.call(AS_CHAR_BUFFER, bytes("x"));

        assertThat(o.result()).isZero();
        assertThat(o.error()).contains(new PyError("KeyError", "earlier"));
    }

    @Test
    void checkReadBufferClearsEvenAnEarlierErrorWhenTheExporterRefuses() {
        // PyErr_Clear() does not know whose error it clears.
        c.interp.threadState().set("KeyError", "earlier");

        Call.Outcome o = c.call(CHECK_READ_BUFFER, new ConfigurableExporter(c.interp.memory(), ExporterSpec.failing("ValueError")));

        assertThat(o.error()).isEmpty();
    }

    @Test
    void checkReadBufferAcceptsContiguousObjectsReadOnlyOrNot() throws PyException {
        assertThat(c.call(CHECK_READ_BUFFER, bytes("abc")).result()).isEqualTo(1);
        assertThat(c.call(CHECK_READ_BUFFER, bytearray("")).result()).isEqualTo(1);
        assertThat(c.call(CHECK_READ_BUFFER, c.memoryview(bytes("abc")).cast("B", new int[] {1, 3})).result()).isEqualTo(1);
        assertThat(c.call(CHECK_READ_BUFFER, new PyInt(1)).result()).isZero();
        assertThat(c.interp.threadState().occurred()).isFalse();
    }

    @Test
    void writesThroughTheReturnedAddressChangeTheObject() {
        PyByteArray b = bytearray("abcd");

        Call.Outcome o = c.call(AS_WRITE_BUFFER, b);
        c.interp.memory().write(o.buffer() + 1, c.ascii("XY"));

        assertThat(b.toBytes()).containsExactly(c.ascii("aXYd"));
    }
}
