package dev.oldbuffer.reference.objects;

import static dev.oldbuffer.reference.objects.Py.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oldbuffer.spi.PyBuf;
import org.junit.jupiter.api.Test;

class MemoryViewTest {

    private final Py py = new Py();

    @Test
    void aMemoryviewHoldsOneExportOfItsBaseUntilReleased() throws PyException {
        PyByteArray base = py.bytearray("abcd");
        PyMemoryView m = py.memoryview(base);

        assertThat(base.exports()).isEqualTo(1);
        m.release();
        assertThat(base.exports()).isZero();
        assertThat(m.isReleased()).isTrue();
    }

    @Test
    void derivedViewsShareTheManagedBufferSoTheBaseStaysExportedUntilTheLastIsReleased() throws PyException {
        PyByteArray base = py.bytearray("abcd");
        PyMemoryView m = py.memoryview(base);
        PyMemoryView slice = m.slice(null, null, 2);
        PyMemoryView again = py.memoryview(m);

        assertThat(base.exports()).as("one export, however many memoryviews").isEqualTo(1);
        assertThat(m.managedBuffer().exports()).isEqualTo(3);
        m.release();
        again.release();
        assertThat(base.exports()).isEqualTo(1);
        assertThat(slice.toBytes()).containsExactly(ascii("ac"));
        slice.release();
        assertThat(base.exports()).isZero();
    }

    @Test
    void releaseIsRefusedWhileTheMemoryviewItselfIsExported() throws PyException {
        PyMemoryView m = py.mv("abc");
        View v1 = m.getBuffer(PyBuf.SIMPLE);
        View v2 = m.getBuffer(PyBuf.SIMPLE);

        assertThatThrownBy(m::release).isInstanceOf(PyException.class)
                .hasMessage("BufferError: memoryview has 2 exported buffers");
        BufferProtocol.release(v1);
        assertThatThrownBy(m::release).hasMessage("BufferError: memoryview has 1 exported buffer");
        BufferProtocol.release(v2);
        m.release();
        m.release(); // idempotent, as in Python
        assertThat(m.isReleased()).isTrue();
    }

    @Test
    void everythingOnAReleasedMemoryviewRaisesValueError() throws PyException {
        PyMemoryView m = py.mv("abc");
        m.release();

        for (ThrowingCall call : new ThrowingCall[] {
            () -> m.getBuffer(PyBuf.SIMPLE), () -> m.slice(null, null, 1), () -> m.cast("B", null),
            m::toReadOnly, m::toBytes, () -> py.memoryview(m)}) {
            assertThatThrownBy(call::run).isInstanceOf(PyException.class)
                    .hasMessage("ValueError: operation forbidden on released memoryview object");
        }
    }

    @Test
    void aSimpleRequestOnANonContiguousViewIsRefusedAndAStridedOneIsNot() throws PyException {
        PyMemoryView strided = py.mv("abcdef").slice(null, null, 2);

        assertThatThrownBy(() -> strided.getBuffer(PyBuf.SIMPLE))
                .hasMessage("BufferError: memoryview: underlying buffer is not C-contiguous");
        assertThatThrownBy(() -> strided.getBuffer(BufferProtocol.C_CONTIGUOUS))
                .hasMessage("BufferError: memoryview: underlying buffer is not C-contiguous");
        View v = strided.getBuffer(PyBuf.STRIDES);
        assertThat(v.strides()).containsExactly(2);
        assertThat(strided.exports()).isEqualTo(1);
    }

    @Test
    void aWritableRequestOnAReadOnlyViewIsRefused() throws PyException {
        PyMemoryView overBytes = py.mv("abc");
        PyMemoryView frozen = py.memoryview(py.bytearray("abc")).toReadOnly();

        assertThatThrownBy(() -> overBytes.getBuffer(PyBuf.WRITABLE))
                .hasMessage("BufferError: memoryview: underlying buffer is not writable");
        assertThatThrownBy(() -> frozen.getBuffer(PyBuf.WRITABLE))
                .hasMessage("BufferError: memoryview: underlying buffer is not writable");
        assertThat(frozen.getBuffer(PyBuf.SIMPLE).readonly()).isTrue();
    }

    @Test
    void aSimpleViewLeavesOutFormatShapeAndStridesButKeepsTheByteLength() throws PyException {
        PyMemoryView ints = py.mv("0123456789ab").cast("i", null);

        View v = ints.getBuffer(PyBuf.SIMPLE);

        assertThat(v.format()).isNull();
        assertThat(v.shape()).isNull();
        assertThat(v.strides()).isNull();
        assertThat(v.ndim()).isEqualTo(1);
        assertThat(v.len()).isEqualTo(12);
        assertThat(v.itemsize()).as("the previous item size, as in CPython").isEqualTo(4);
        assertThat(v.obj()).isSameAs(ints);
        assertThatThrownBy(() -> ints.getBuffer(PyBuf.FORMAT))
                .hasMessage("BufferError: memoryview: cannot cast to unsigned bytes if the format flag is present");
    }

    @Test
    void aContiguousSlicePointsIntoTheBase() throws PyException {
        PyByteArray base = py.bytearray("0123456789");
        PyMemoryView slice = py.memoryview(base).slice(2, 7, 1);

        View v = slice.getBuffer(PyBuf.SIMPLE);

        assertThat(v.buf()).isEqualTo(base.address() + 2);
        assertThat(v.len()).isEqualTo(5);
    }

    @Test
    void toBytesFollowsNegativeStepsAndRows() throws PyException {
        assertThat(py.mv("abcdef").slice(null, null, -1).toBytes()).containsExactly(ascii("fedcba"));
        assertThat(py.mv("abcdef").slice(5, 2, -2).toBytes()).containsExactly(ascii("fd"));
        assertThat(py.mv("abcdef").cast("B", new int[] {2, 3}).slice(null, null, -1).toBytes())
                .containsExactly(ascii("defabc"));
        assertThat(py.mv("0123456789").slice(1, null, 3).toBytes()).containsExactly(ascii("147"));
    }

    @Test
    void setByteWritesThroughTheViewIntoTheBase() throws PyException {
        PyByteArray base = py.bytearray("abcdef");
        PyMemoryView reversed = py.memoryview(base).slice(null, null, -1);

        reversed.setByte(0, (byte) 'Z');

        assertThat(base.toBytes()).containsExactly(ascii("abcdeZ"));
        assertThatThrownBy(() -> py.mv("abc").setByte(0, (byte) 1)).hasMessage("TypeError: cannot modify read-only memory");
        assertThatThrownBy(() -> reversed.setByte(6, (byte) 1)).hasMessageStartingWith("IndexError");
    }

    @Test
    void castRulesAndMessagesAreCPythons() throws PyException {
        assertThatThrownBy(() -> py.mv("abcd").slice(null, null, 2).cast("B", null))
                .hasMessage("TypeError: memoryview: casts are restricted to C-contiguous views");
        assertThatThrownBy(() -> py.mv("abcd").cast("B", new int[] {3}))
                .hasMessage("TypeError: memoryview: product(shape) * itemsize != buffer size");
        assertThatThrownBy(() -> py.mv("abcd").cast("i", null).cast("h", null))
                .hasMessage("TypeError: memoryview: cannot cast between two non-byte formats");
        assertThatThrownBy(() -> py.mv("abcd").cast("B", new int[] {2, 2}).cast("B", new int[] {1, 4}))
                .hasMessage("TypeError: memoryview: cast must be 1D -> ND or ND -> 1D");
        assertThatThrownBy(() -> py.mv("abc").cast("i", null))
                .hasMessage("TypeError: memoryview: length is not a multiple of itemsize");
        assertThatThrownBy(() -> py.mv("abcd").cast("B", new int[] {0}))
                .hasMessage("ValueError: memoryview.cast(): elements of shape must be integers > 0");
        assertThatThrownBy(() -> py.mv("").cast("B", new int[] {1}))
                .hasMessage("TypeError: memoryview: cannot cast view with zeros in shape or strides");
        assertThat(py.mv("abcd").cast("B", new int[] {2, 2}).cast("i", null).view().shape()).containsExactly(1);
        assertThat(py.mv("").cast("i", null).view().shape()).containsExactly(0);
    }

    @Test
    void aFailedCastRegistersNothing() throws PyException {
        PyMemoryView m = py.mv("abcd");

        assertThatThrownBy(() -> m.cast("B", new int[] {3})).isInstanceOf(PyException.class);

        assertThat(m.managedBuffer().exports()).isEqualTo(1);
    }

    @Test
    void objectsWithoutBufferCannotBeViewed() {
        assertThatThrownBy(() -> py.memoryview(new PyStr("abc")))
                .hasMessage("TypeError: memoryview: a bytes-like object is required, not 'str'");
        assertThatThrownBy(() -> py.memoryview(PyNone.NONE))
                .hasMessage("TypeError: memoryview: a bytes-like object is required, not 'NoneType'");
    }

    @Test
    void releasingMoreThanWasAcquiredIsASystemError() throws PyException {
        PyMemoryView m = py.mv("abc");
        View v = m.getBuffer(PyBuf.SIMPLE);
        BufferProtocol.release(v);
        BufferProtocol.release(v);

        assertThatThrownBy(m::release).hasMessage("SystemError: _memory_release(): negative export count");
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws PyException;
    }
}
