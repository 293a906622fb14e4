package dev.oldbuffer.reference.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oldbuffer.reference.objects.PyPythonExporter.Mode;
import dev.oldbuffer.spi.ExportCounts;
import dev.oldbuffer.spi.MemoryAccessException;
import dev.oldbuffer.spi.PyBuf;
import org.junit.jupiter.api.Test;

class PyPythonExporterTest {

    private final Py py = new Py();

    private PyPythonExporter exporter(PyObject base, Mode mode) {
        return new PyPythonExporter(py.memory, base, mode);
    }

    @Test
    void aUsedViewIsReleasedOnceThroughTheWrapperAndTheBaseIsFreeAgain() throws PyException {
        PyByteArray base = py.bytearray("data");
        PyPythonExporter e = exporter(base, Mode.WELL_BEHAVED);

        View v = e.getBuffer(PyBuf.SIMPLE);
        assertThat(py.memory.read(v.buf(), 4)).isEqualTo(Py.ascii("data"));
        assertThat(e.counts()).isEqualTo(new ExportCounts(1, 0, PyBuf.SIMPLE));
        BufferProtocol.release(v);

        assertThat(e.counts()).isEqualTo(new ExportCounts(1, 1, PyBuf.SIMPLE));
        base.resize(0);   // no export left on the bytearray
        assertThat(base.toBytes()).isEmpty();
    }

    @Test
    void aStridedMemoryviewRefusesASimpleRequestAndNothingCounts() throws PyException {
        PyPythonExporter e = exporter(py.memoryview(py.bytearray("abcdef")).slice(null, null, 2), Mode.WELL_BEHAVED);

        assertThatThrownBy(() -> e.getBuffer(PyBuf.SIMPLE)).hasMessageContaining("BufferError");
        assertThat(e.counts().acquires()).isZero();
        assertThat(e.counts().releases()).isZero();
    }

    @Test
    void onceRefusesASecondAcquireWhileTheFirstIsHeld() throws PyException {
        PyPythonExporter e = exporter(py.bytearray("x"), Mode.ONCE);

        View held = e.getBuffer(PyBuf.SIMPLE);
        assertThatThrownBy(() -> e.getBuffer(PyBuf.SIMPLE)).hasMessageStartingWith("BufferError");
        BufferProtocol.release(held);
        BufferProtocol.release(e.getBuffer(PyBuf.SIMPLE));
        assertThat(e.counts()).isEqualTo(new ExportCounts(2, 2, PyBuf.SIMPLE));
    }

    @Test
    void aCopyIsReadOnlyAndDiesWithTheRelease() throws PyException {
        PyPythonExporter e = exporter(py.bytearray("copied"), Mode.COPY);

        assertThatThrownBy(() -> e.getBuffer(PyBuf.WRITABLE)).hasMessageStartingWith("BufferError");
        View v = e.getBuffer(PyBuf.SIMPLE);
        assertThat(v.readonly()).isTrue();
        BufferProtocol.release(v);
        assertThatThrownBy(() -> py.memory.read(v.buf(), 1)).isInstanceOf(MemoryAccessException.class)
                .hasMessageContaining("freed");
    }

    @Test
    void aReleaseThatClearsTheBytearrayFreesTheMemoryTheCallerWasGiven() throws PyException {
        PyByteArray base = py.bytearray("cleared");
        PyPythonExporter e = exporter(base, Mode.RELEASE_CLEARS);

        View v = e.getBuffer(PyBuf.SIMPLE);
        BufferProtocol.release(v);
        assertThat(base.toBytes()).isEmpty();
        assertThatThrownBy(() -> py.memory.read(v.buf(), 1)).isInstanceOf(MemoryAccessException.class);
        assertThat(e.counts()).isEqualTo(new ExportCounts(1, 1, PyBuf.SIMPLE));
    }

    @Test
    void aRaisingReleaseIsSwallowedAndStillCounts() throws PyException {
        PyPythonExporter e = exporter(py.bytes("b"), Mode.RELEASE_RAISES);

        BufferProtocol.release(e.getBuffer(PyBuf.SIMPLE));
        assertThat(e.counts()).isEqualTo(new ExportCounts(1, 1, PyBuf.SIMPLE));
    }
}
