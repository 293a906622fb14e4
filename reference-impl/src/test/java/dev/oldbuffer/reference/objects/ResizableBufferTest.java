package dev.oldbuffer.reference.objects;

import static dev.oldbuffer.reference.objects.Py.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oldbuffer.spi.MemoryAccessException;
import dev.oldbuffer.spi.PyBuf;
import org.junit.jupiter.api.Test;

class ResizableBufferTest {

    private final Py py = new Py();

    @Test
    void aBytearrayCannotBeResizedWhileExported() throws PyException {
        PyByteArray b = py.bytearray("abc");
        View v = b.getBuffer(PyBuf.SIMPLE);

        assertThatThrownBy(() -> b.resize(4))
                .hasMessage("BufferError: Existing exports of data: object cannot be re-sized");
        assertThat(b.tryGrowAndShrink()).isFalse();
        BufferProtocol.release(v);
        assertThat(b.tryGrowAndShrink()).isTrue();
        assertThat(b.toBytes()).containsExactly(ascii("abc"));
    }

    @Test
    void aResizeMovesTheStorageAndTheOldAddressDies() throws PyException {
        PyByteArray b = py.bytearray("abc");
        long before = b.address();

        b.resize(5);

        assertThat(b.address()).isNotEqualTo(before);
        assertThat(b.toBytes()).containsExactly('a', 'b', 'c', 0, 0);
        assertThatThrownBy(() -> py.memory.read(before, 1))
                .isInstanceOf(MemoryAccessException.class).hasMessageContaining("freed");
    }

    @Test
    void anArrayFollowsTheSameRulesWithItsOwnMessageAndItemSize() throws PyException {
        PyArray a = new PyArray(py.memory, 'i', new byte[12]);
        View full = a.getBuffer(PyBuf.STRIDES | PyBuf.FORMAT);

        assertThat(full.itemsize()).isEqualTo(4);
        assertThat(full.format()).isEqualTo("i");
        assertThat(full.shape()).containsExactly(3);
        assertThat(full.strides()).containsExactly(4);
        assertThatThrownBy(() -> a.resize(16)).hasMessage("BufferError: cannot resize an array that is exporting buffers");
        BufferProtocol.release(full);
        assertThat(a.tryGrowAndShrink()).isTrue();
        assertThat(a.size()).isEqualTo(12);
    }

    @Test
    void aSimpleRequestOnAnArraySeesItsBytes() throws PyException {
        PyArray a = new PyArray(py.memory, 'd', new byte[16]);

        View v = a.getBuffer(PyBuf.SIMPLE);

        assertThat(v.len()).isEqualTo(16);
        assertThat(v.format()).isNull();
        assertThat(v.shape()).isNull();
        assertThat(v.readonly()).isFalse();
        assertThat(a.exports()).isEqualTo(1);
    }

    @Test
    void anArrayOfTheWrongByteCountIsRefused() {
        assertThatThrownBy(() -> new PyArray(py.memory, 'h', new byte[3])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bytesRefuseWritableRequestsAndAssignment() throws PyException {
        PyBytes b = py.bytes("abc");

        assertThatThrownBy(() -> b.getBuffer(PyBuf.WRITABLE)).hasMessage("BufferError: Object is not writable.");
        assertThatThrownBy(() -> b.setByte(0, (byte) 1)).hasMessageStartingWith("TypeError");
        View v = b.getBuffer(PyBuf.SIMPLE | PyBuf.FORMAT);
        assertThat(v.format()).isEqualTo("B");
        assertThat(v.readonly()).isTrue();
    }

    @Test
    void setByteBoundsAreChecked() {
        PyByteArray b = py.bytearray("abc");

        assertThatThrownBy(() -> b.setByte(3, (byte) 0)).hasMessage("IndexError: bytearray index out of range");
    }
}
