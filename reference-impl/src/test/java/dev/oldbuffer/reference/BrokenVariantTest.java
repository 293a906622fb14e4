package dev.oldbuffer.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oldbuffer.reference.capi.CPythonFunctions;
import dev.oldbuffer.reference.capi.Interpreter;
import dev.oldbuffer.reference.objects.View;
import dev.oldbuffer.spi.ExportCounts;
import dev.oldbuffer.spi.ExporterSpec;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.spi.OutSlots;
import org.junit.jupiter.api.Test;

/** The function layer is a constructor argument: one overridden building block makes a broken variant. */
class BrokenVariantTest {

    /** Forgets PyBuffer_Release: the bug the preamble's lifetime sentence is about. */
    static final class LeakingFunctions extends CPythonFunctions {
        @Override
        protected void releaseBuffer(Interpreter interp, View view) {
        }

        @Override
        public String flavour() {
            return "cpython-leaking";
        }
    }

    @Test
    void aLeakingVariantLeavesObjectsExported() {
        try (ReferenceRuntime leaking = new ReferenceRuntime(new LeakingFunctions())) {
            ObjRef exporter = leaking.create(Fixture.exporter(ExporterSpec.writable(new byte[] {1, 2})));
            ObjRef bytearray = leaking.create(Fixture.bytearray(new byte[] {1, 2}));
            ObjRef view = leaking.create(Fixture.memoryview(Fixture.bytes(new byte[] {1})));

            for (ObjRef obj : new ObjRef[] {exporter, bytearray, view}) {
                assertThat(leaking.call(Function.AS_READ_BUFFER, obj, OutSlots.sentinels()).returnValue()).isZero();
            }

            assertThat(leaking.info().details()).containsEntry("flavour", "cpython-leaking");
            assertThat(leaking.exportCounts(exporter)).isEqualTo(new ExportCounts(1, 0, 0));
            assertThat(leaking.tryResize(bytearray)).isFalse();
            assertThat(leaking.tryRelease(view)).isFalse();
        }
    }
}
