package dev.oldbuffer.reference;

import static dev.oldbuffer.spi.Function.AS_CHAR_BUFFER;
import static dev.oldbuffer.spi.Function.AS_READ_BUFFER;
import static dev.oldbuffer.spi.Function.AS_WRITE_BUFFER;
import static dev.oldbuffer.spi.Function.CHECK_READ_BUFFER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.ExportCounts;
import dev.oldbuffer.spi.ExporterSpec;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.MemoryAccessException;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.spi.OutSlots;
import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.spi.PyError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The model seen through the SPI, as the kit drives it. */
class ReferenceRuntimeTest {

    private final ReferenceRuntime runtime = ReferenceRuntime.of(Profile.CPYTHON);

    @AfterEach
    void close() {
        runtime.close();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private CallResult call(dev.oldbuffer.spi.Function f, ObjRef obj) {
        return runtime.call(f, obj, OutSlots.sentinels());
    }

    @Test
    void createsEveryKindOfFixtureAndNamesItByItsRecipe() {
        Fixture mv = Fixture.memoryview(Fixture.bytearray(ascii("abcdef")));
        Fixture[] recipes = {
            Fixture.bytes(ascii("b")), Fixture.bytearray(ascii("ba")), new Fixture.ArrayOf('h', new byte[4]), mv,
            new Fixture.Sliced(mv, 1, null, 2), new Fixture.Cast(mv, "B", new int[] {2, 3}), new Fixture.ReadOnly(mv),
            new Fixture.Released(mv), Fixture.str("s"), Fixture.integer(5), Fixture.none(),
            Fixture.exporter(ExporterSpec.strided(2, ascii("xy")))};
        for (Fixture recipe : recipes) {
            ObjRef ref = runtime.create(recipe);

            assertThat(ref.isNull()).isFalse();
            assertThat(ref.kind()).isEqualTo(recipe.describe());
        }
    }

    @Test
    void invalidRecipesFailWithPythonsMessage() {
        Fixture strided = new Fixture.Sliced(Fixture.memoryview(Fixture.bytes(ascii("abcd"))), null, null, 2);

        assertThatThrownBy(() -> runtime.create(new Fixture.Cast(strided, "B", new int[] {2})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("memoryview: casts are restricted to C-contiguous views");
        assertThatThrownBy(() -> runtime.create(Fixture.memoryview(Fixture.str("abc"))))
                .hasMessage("memoryview: a bytes-like object is required, not 'str'");
        assertThatThrownBy(() -> runtime.create(new Fixture.Sliced(Fixture.bytes(ascii("abc")), null, null, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Fixture.MemoryView");
        assertThatThrownBy(() -> runtime.create(Fixture.memoryview(new Fixture.Released(Fixture.memoryview(Fixture.bytes())))))
                .hasMessage("operation forbidden on released memoryview object");
    }

    @Test
    void aCallReportsReturnValueSlotsAndTheErrorIndicator() {
        ObjRef hello = runtime.create(Fixture.bytes(ascii("hello")));

        CallResult ok = call(AS_CHAR_BUFFER, hello);
        CallResult check = runtime.call(CHECK_READ_BUFFER, hello, OutSlots.sentinels());
        CallResult nulls = runtime.call(AS_READ_BUFFER, hello, OutSlots.nullBuffer());

        assertThat(ok.returnValue()).isZero();
        assertThat(ok.length()).isEqualTo(5);
        assertThat(ok.bufferWritten()).isTrue();
        assertThat(ok.error()).isEmpty();
        assertThat(runtime.read(ok.buffer(), 5)).containsExactly(ascii("hello"));
        assertThat(check.returnValue()).isEqualTo(1);
        assertThat(nulls.returnValue()).isEqualTo(-1);
        assertThat(nulls.lengthWritten()).isFalse();
        assertThat(nulls.error()).contains(new PyError("SystemError", "null argument to internal routine"));
        assertThat(runtime.fetchError()).isPresent();
        assertThat(runtime.fetchError()).isEmpty();
    }

    @Test
    void theAddressIsTheObjectsOwnMemory() {
        ObjRef b = runtime.create(Fixture.bytearray(ascii("abcd")));
        CallResult r = call(AS_WRITE_BUFFER, b);

        runtime.write(r.buffer(), ascii("WX"));
        runtime.setItem(b, 3, (byte) 'Z');

        assertThat(runtime.contents(b)).containsExactly(ascii("WXcZ"));
        assertThat(runtime.read(r.buffer(), 4)).containsExactly(ascii("WXcZ"));
    }

    @Test
    void bytesMemoryCannotBeWrittenAndReadsPastTheEndAreCaught() {
        ObjRef b = runtime.create(Fixture.bytes(ascii("abc")));
        CallResult r = call(AS_READ_BUFFER, b);

        assertThatThrownBy(() -> runtime.write(r.buffer(), ascii("x")))
                .isInstanceOf(MemoryAccessException.class).hasMessageStartingWith("write to read-only memory at 0x");
        assertThatThrownBy(() -> runtime.read(r.buffer(), 4)).isInstanceOf(MemoryAccessException.class);
    }

    @Test
    void aSliceOfAnExistingObjectPointsInsideIt() {
        ObjRef base = runtime.create(Fixture.bytearray(ascii("0123456789")));
        ObjRef slice = runtime.create(new Fixture.Sliced(Fixture.memoryview(new Fixture.Existing(base)), 2, 7, 1));

        long baseAddress = call(AS_READ_BUFFER, base).buffer();
        CallResult r = call(AS_READ_BUFFER, slice);

        assertThat(r.buffer()).isEqualTo(baseAddress + 2);
        assertThat(runtime.contents(slice)).containsExactly(ascii("23456"));
        assertThat(runtime.tryResize(base)).as("the memoryview holds an export").isFalse();
        assertThat(runtime.tryRelease(slice)).isTrue();
    }

    @Test
    void contentsAreBytesOfTheObject() {
        assertThat(runtime.contents(runtime.create(new Fixture.Sliced(Fixture.memoryview(Fixture.bytes(ascii("abcdef"))), null, null, -2))))
                .containsExactly(ascii("fdb"));
        assertThat(runtime.contents(runtime.create(Fixture.exporter(ExporterSpec.strided(3, ascii("xyz"))))))
                .containsExactly(ascii("xyz"));
        assertThat(runtime.contents(runtime.create(new Fixture.ArrayOf('i', new byte[8])))).hasSize(8);
        assertThatThrownBy(() -> runtime.contents(runtime.create(Fixture.str("s")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> runtime.contents(runtime.create(new Fixture.Released(Fixture.memoryview(Fixture.bytes())))))
                .hasMessageContaining("released memoryview");
    }

    @Test
    void setItemRefusesReadOnlyObjects() {
        ObjRef frozen = runtime.create(new Fixture.ReadOnly(Fixture.memoryview(Fixture.bytearray(ascii("abc")))));
        ObjRef bytes = runtime.create(Fixture.bytes(ascii("abc")));
        ObjRef constant = runtime.create(Fixture.exporter(ExporterSpec.readOnly(ascii("abc"))));

        for (ObjRef ref : new ObjRef[] {frozen, bytes, constant}) {
            assertThatThrownBy(() -> runtime.setItem(ref, 0, (byte) 1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void resizeMovesTheStorageSoAnOldAddressDangles() {
        ObjRef b = runtime.create(Fixture.bytearray(ascii("abc")));
        long before = call(AS_READ_BUFFER, b).buffer();

        assertThat(runtime.tryResize(b)).isTrue();

        assertThatThrownBy(() -> runtime.read(before, 1)).isInstanceOf(MemoryAccessException.class).hasMessageContaining("freed");
        assertThat(call(AS_READ_BUFFER, b).buffer()).isNotEqualTo(before);
        assertThatThrownBy(() -> runtime.tryResize(runtime.create(Fixture.bytes()))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exporterCountsBalanceAfterEveryFunction() {
        ObjRef e = runtime.create(Fixture.exporter(ExporterSpec.writable(ascii("data"))));

        for (dev.oldbuffer.spi.Function f : dev.oldbuffer.spi.Function.values()) {
            call(f, e);
        }

        assertThat(runtime.exportCounts(e)).isEqualTo(new ExportCounts(4, 4, 1));
        assertThatThrownBy(() -> runtime.exportCounts(runtime.create(Fixture.bytes()))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tryReleaseIsRefusedOnlyWhileExported() {
        ObjRef base = runtime.create(Fixture.memoryview(Fixture.bytes(ascii("abc"))));
        runtime.create(Fixture.memoryview(new Fixture.Existing(base)));

        assertThat(runtime.tryRelease(base)).isTrue();
        assertThat(runtime.tryRelease(base)).as("release() twice is allowed").isTrue();
        assertThatThrownBy(() -> runtime.tryRelease(runtime.create(Fixture.bytes()))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resetDropsObjectsMemoryAndTheError() {
        ObjRef b = runtime.create(Fixture.bytes(ascii("abc")));
        long address = call(AS_READ_BUFFER, b).buffer();
        runtime.setError(new PyError("KeyError", "x"));

        runtime.reset();

        assertThat(runtime.fetchError()).isEmpty();
        assertThatThrownBy(() -> runtime.contents(b)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reset");
        assertThatThrownBy(() -> runtime.read(address, 1)).isInstanceOf(MemoryAccessException.class);
        assertThat(runtime.create(Fixture.bytes()).handle()).isNotEqualTo(b.handle());
    }

    @Test
    void closeIsIdempotentAndFinal() {
        runtime.close();
        runtime.close();

        assertThatThrownBy(() -> runtime.create(Fixture.bytes())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theSameObjectKeepsItsHandle() {
        ObjRef b = runtime.create(Fixture.bytearray(ascii("x")));

        assertThat(runtime.create(new Fixture.Existing(b)).handle()).isEqualTo(b.handle());
    }

    @Test
    void documentedModelRefusesWithTypeErrorWhereCPythonPassesTheExportersError() {
        try (ReferenceRuntime documented = ReferenceRuntime.of(Profile.DOCUMENTED)) {
            Fixture strided = new Fixture.Sliced(Fixture.memoryview(Fixture.bytes(ascii("abcdef"))), null, null, 2);

            CallResult cpython = call(AS_CHAR_BUFFER, runtime.create(strided));
            CallResult page = documented.call(AS_CHAR_BUFFER, documented.create(strided), OutSlots.sentinels());

            assertThat(cpython.error()).map(PyError::type).contains("BufferError");
            assertThat(page.error()).map(PyError::type).contains("TypeError");
            assertThat(documented.call(CHECK_READ_BUFFER, ObjRef.NULL, OutSlots.sentinels()).returnValue()).isZero();
        }
    }
}
