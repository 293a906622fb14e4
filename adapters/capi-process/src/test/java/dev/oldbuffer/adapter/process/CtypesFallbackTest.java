package dev.oldbuffer.adapter.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oldbuffer.spi.Acquisition;
import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.ExporterSpec;
import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.ImplementationUnavailableException;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.spi.OutSlots;
import dev.oldbuffer.spi.PyError;
import dev.oldbuffer.spi.Replacement;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** probe=ctypes: the functions through ctypes.pythonapi, with fewer features. */
class CtypesFallbackTest {

    @ParameterizedTest
    @EnumSource(value = TestRuntime.class, mode = EnumSource.Mode.EXCLUDE, names = {"PYPY3", "GRAALPY"})
    void callsWorkWithoutTheCProbe(TestRuntime which) {
        try (ProcessRuntime rt = which.open(Map.of(LaunchConfig.PROBE, "ctypes"))) {
            assertThat(rt.info().details()).containsEntry("probe", "ctypes")
                    .containsEntry("waits", "asleep (the driver waits on a CPU only in the C probe, on CPython and PyPy)")
                    .containsEntry("transport", "pipe");
            EnumSet<Feature> expected = EnumSet.of(Feature.NULL_ARGUMENTS, Feature.MEMORY_READ, Feature.MEMORY_WRITE,
                    Feature.EXPORT_PROBES, Feature.ARRAY_MODULE, Feature.MEMORYVIEW_CAST, Feature.SUBCLASSES, Feature.MMAP,
                    Feature.CTYPES, Feature.C_MEMORY, Feature.REFCOUNTS, Feature.LARGE_MAPS, Feature.NEW_BUFFER_API,
                    Feature.LP64_ITEM_SIZES);
            if (TestRuntime.honoursPep688(rt)) {
                expected.add(Feature.PEP688);   // a Python class: no C needed
                expected.add(Feature.HALF_FLOAT_CAST);
            }
            if (TestRuntime.atLeast(rt, 13)) {
                expected.add(Feature.ARRAY_UCS4);
            }
            if (which == TestRuntime.PYODIDE) {   // wasm32: a 4 GiB address space, and 4-byte longs and pointers
                expected.removeAll(EnumSet.of(Feature.LARGE_MAPS, Feature.LP64_ITEM_SIZES));
            }
            if (which == TestRuntime.CPYTHON_3_11_DEBUG) {   // sys.gettotalrefcount: no C needed either
                expected.add(Feature.TOTAL_REFCOUNT);
            }
            assertThat(rt.features()).isEqualTo(expected);

            ObjRef hello = rt.create(Fixture.bytes("hello".getBytes()));
            CallResult ok = rt.call(Function.AS_CHAR_BUFFER, hello, OutSlots.sentinels());
            assertThat(ok.returnValue()).isZero();
            assertThat(rt.read(ok.buffer(), ok.length() > 0 ? 5 : 0)).isEqualTo("hello".getBytes());

            CallResult str = rt.call(Function.AS_READ_BUFFER, rt.create(Fixture.str("s")), OutSlots.sentinels());
            assertThat(str.returnValue()).isEqualTo(-1);
            assertThat(str.error()).contains(new PyError("TypeError", "a bytes-like object is required, not 'str'"));
            assertThat(rt.fetchError()).isEqualTo(str.error());
            assertThat(rt.fetchError()).isEmpty();

            CallResult nullObject = rt.call(Function.AS_CHAR_BUFFER, ObjRef.NULL, OutSlots.sentinels());
            assertThat(nullObject.error()).map(PyError::type).contains("SystemError");
            rt.fetchError();

            // the replacements through ctypes.pythonapi: a held view keeps a bytearray exported until released
            ObjRef bytearray = rt.create(Fixture.bytearray("abc".getBytes()));
            Acquisition held = rt.acquire(Replacement.GET_BUFFER_SIMPLE, bytearray);
            assertThat(held.holdsView()).isTrue();
            assertThat(held.len()).isEqualTo(3);
            assertThat(held.cContiguous()).isTrue();
            assertThat(rt.read(held.buf(), 3)).isEqualTo("abc".getBytes());
            assertThat(rt.tryResize(bytearray)).isFalse();
            rt.release(held);
            assertThat(rt.tryResize(bytearray)).isTrue();
            Acquisition hash = rt.acquire(Replacement.PARSE_Y_HASH, bytearray);
            assertThat(hash.accepted()).isFalse();
            assertThat(hash.error()).map(PyError::type).contains("TypeError");
            Acquisition text = rt.acquire(Replacement.PARSE_S_STAR, rt.create(Fixture.str("s")));
            assertThat(text.holdsView()).isTrue();
            assertThat(text.readonly()).isTrue();
            assertThat(rt.read(text.buf(), 1)).isEqualTo("s".getBytes());
            Acquisition writable = rt.acquire(Replacement.PARSE_W_STAR, hello);
            assertThat(writable.accepted()).isFalse();
            assertThat(writable.error()).map(PyError::type).contains("TypeError");
            assertThat(rt.checkBuffer(hello)).isEqualTo(1);
            assertThat(rt.checkBuffer(rt.create(Fixture.str("s")))).isZero();
            assertThat(rt.fetchError()).isEmpty();
            rt.reset();   // gives back the str's view

            assertThatThrownBy(() -> rt.create(Fixture.exporter(ExporterSpec.writable(new byte[1]))))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> rt.setError(new PyError("ValueError", "x")))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestRuntime.class, names = "PYPY3")
    void pypyHasNoPythonapi(TestRuntime which) {
        assertThatThrownBy(() -> ProcessRuntime.open(which.options(Map.of(LaunchConfig.PROBE, "ctypes"))))
                .isInstanceOf(ImplementationUnavailableException.class).hasMessageContaining("needs CPython");
    }
}
