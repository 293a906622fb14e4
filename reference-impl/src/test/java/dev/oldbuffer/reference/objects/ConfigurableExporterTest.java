package dev.oldbuffer.reference.objects;

import static dev.oldbuffer.reference.objects.Py.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oldbuffer.spi.ExportCounts;
import dev.oldbuffer.spi.ExporterSpec;
import dev.oldbuffer.spi.MemoryAccessException;
import dev.oldbuffer.spi.PyBuf;
import org.junit.jupiter.api.Test;

class ConfigurableExporterTest {

    private final Py py = new Py();

    private ConfigurableExporter exporter(ExporterSpec spec) {
        return new ConfigurableExporter(py.memory, spec);
    }

    @Test
    void countsAcquiresReleasesAndTheLastRequest() throws PyException {
        ConfigurableExporter e = exporter(ExporterSpec.writable(ascii("data")));
        assertThat(e.counts()).isEqualTo(new ExportCounts(0, 0, -1));

        View v = e.getBuffer(PyBuf.WRITABLE);
        assertThat(e.counts()).isEqualTo(new ExportCounts(1, 0, PyBuf.WRITABLE));
        BufferProtocol.release(v);

        assertThat(e.counts()).isEqualTo(new ExportCounts(1, 1, PyBuf.WRITABLE));
        assertThat(e.counts().outstanding()).isZero();
    }

    @Test
    void aFailingExporterRaisesItsTypeAndAcquiresNothing() {
        ConfigurableExporter e = exporter(ExporterSpec.failing("ValueError"));

        assertThatThrownBy(() -> e.getBuffer(PyBuf.SIMPLE)).hasMessage("ValueError: exporter refused");
        assertThat(e.counts()).isEqualTo(new ExportCounts(0, 0, PyBuf.SIMPLE));
    }

    @Test
    void aReadOnlyExporterRefusesWritableRequestsAndItsMemoryRefusesWrites() throws PyException {
        ConfigurableExporter e = exporter(ExporterSpec.readOnly(ascii("const")));

        assertThatThrownBy(() -> e.getBuffer(PyBuf.WRITABLE)).hasMessageStartingWith("BufferError");
        View v = e.getBuffer(PyBuf.SIMPLE);
        assertThat(v.readonly()).isTrue();
        assertThatThrownBy(() -> py.memory.write(v.buf(), new byte[] {1})).isInstanceOf(MemoryAccessException.class);
        assertThatThrownBy(() -> e.setByte(0, (byte) 1)).hasMessageStartingWith("TypeError");
    }

    @Test
    void aStridedExporterNeedsAStridedRequest() throws PyException {
        ConfigurableExporter e = exporter(ExporterSpec.strided(2, ascii("abc")));

        assertThatThrownBy(() -> e.getBuffer(PyBuf.SIMPLE)).hasMessageStartingWith("BufferError");
        assertThatThrownBy(() -> e.getBuffer(PyBuf.ND)).hasMessageStartingWith("BufferError");
        View v = e.getBuffer(PyBuf.STRIDES);

        assertThat(v.len()).isEqualTo(3);
        assertThat(v.shape()).containsExactly(3);
        assertThat(v.strides()).containsExactly(2);
        assertThat(py.memory.read(v.buf(), 6)).containsExactly('a', 0, 'b', 0, 'c', 0);
        assertThat(e.toBytes()).containsExactly(ascii("abc"));
        assertThat(e.counts().acquires()).isEqualTo(1);
    }

    @Test
    void contentsFollowWritesThroughTheStorage() throws PyException {
        ConfigurableExporter e = exporter(ExporterSpec.strided(3, ascii("xyz")));

        e.setByte(1, (byte) 'Y');
        py.memory.write(e.address() + 6, new byte[] {'Z'});

        assertThat(e.toBytes()).containsExactly(ascii("xYZ"));
    }

    @Test
    void aMemoryviewOfAStridedExporterIsNotContiguous() throws PyException {
        ConfigurableExporter e = exporter(ExporterSpec.strided(2, ascii("abcd")));

        PyMemoryView m = py.memoryview(e);

        assertThat(m.cContiguous()).isFalse();
        assertThat(m.toBytes()).containsExactly(ascii("abcd"));
        assertThat(e.counts()).isEqualTo(new ExportCounts(1, 0, BufferProtocol.FULL_RO));
    }

    @Test
    void anIndirectViewIsATableOfPointersIntoTheData() throws PyException {
        ConfigurableExporter e = exporter(ExporterSpec.breaking(ExporterSpec.RuleBreak.INDIRECT_ANYWAY, ascii("xyz")));

        View v = e.getBuffer(PyBuf.SIMPLE);
        assertThat(v.suboffsets()).containsExactly(0);
        assertThat(Contiguity.isSingleSegment(v)).isFalse();
        long second = java.nio.ByteBuffer.wrap(py.memory.read(v.buf() + ConfigurableExporter.POINTER_SIZE, 8))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(py.memory.read(second, 2)).isEqualTo(ascii("yz"));
        assertThat(e.counts().acquires()).isEqualTo(1);
    }

    @Test
    void aSilentFailureAcquiresNothingAndSetsNoErrorForCCallers() {
        ConfigurableExporter e = exporter(ExporterSpec.breaking(ExporterSpec.RuleBreak.FAILS_SILENTLY, ascii("q")));

        assertThatThrownBy(() -> e.getBuffer(PyBuf.SIMPLE)).isInstanceOfSatisfying(PyException.class,
                x -> assertThat(x.isSilent()).isTrue());
        assertThat(e.counts()).isEqualTo(new ExportCounts(0, 0, PyBuf.SIMPLE));
    }

    @Test
    void writableAnywayGrantsAWritableRequestWithAReadOnlyViewOverWritableMemory() throws PyException {
        ConfigurableExporter e = exporter(ExporterSpec.breaking(ExporterSpec.RuleBreak.WRITABLE_ANYWAY, ascii("ro")));

        View v = e.getBuffer(PyBuf.WRITABLE);
        assertThat(v.readonly()).isTrue();
        py.memory.write(v.buf(), ascii("rw"));
        assertThat(e.toBytes()).isEqualTo(ascii("rw"));
    }

    @Test
    void fortranAndZeroDimensionalViewsAreOneSegment() throws PyException {
        View fortran = exporter(ExporterSpec.breaking(ExporterSpec.RuleBreak.FORTRAN_ORDER, ascii("abcd"))).getBuffer(PyBuf.SIMPLE);
        View scalar = exporter(ExporterSpec.breaking(ExporterSpec.RuleBreak.ZERO_DIMENSIONAL, ascii("abcd"))).getBuffer(PyBuf.SIMPLE);

        assertThat(Contiguity.isSingleSegment(fortran)).isTrue();
        assertThat(Contiguity.isCSegment(fortran)).isFalse();
        assertThat(Contiguity.isCSegment(scalar)).isTrue();
        assertThat(scalar.len()).isEqualTo(4);
        assertThat(scalar.ndim()).isZero();
    }
}
