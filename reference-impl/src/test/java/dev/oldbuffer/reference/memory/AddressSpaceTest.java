package dev.oldbuffer.reference.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oldbuffer.spi.MemoryAccessException;
import org.junit.jupiter.api.Test;

class AddressSpaceTest {

    private final AddressSpace memory = new AddressSpace();

    @Test
    void regionsGetDistinctAlignedAddressesWithGapsBetween() {
        Region a = memory.allocate(new byte[5], false, "a");
        Region b = memory.allocate(new byte[0], false, "b");
        Region c = memory.allocate(new byte[3], false, "c");

        assertThat(a.base()).isEqualTo(AddressSpace.FIRST_ADDRESS);
        assertThat(java.util.List.of(a.base(), b.base(), c.base())).allMatch(x -> x % AddressSpace.ALIGNMENT == 0);
        assertThat(b.base()).isGreaterThanOrEqualTo(a.base() + 5 + AddressSpace.GAP);
        assertThat(c.base()).isGreaterThan(b.base());
    }

    @Test
    void readsAndWritesInsideALiveRegion() {
        Region r = memory.allocate(new byte[] {1, 2, 3, 4}, false, "bytearray storage");

        memory.write(r.base() + 1, new byte[] {9, 8});

        assertThat(memory.read(r.base(), 4)).containsExactly(1, 9, 8, 4);
        assertThat(memory.read(r.base() + 4, 0)).isEmpty();
    }

    @Test
    void readPastTheEndThrowsNamingTheAddress() {
        Region r = memory.allocate(new byte[] {1, 2, 3}, true, "bytes storage");

        assertThatThrownBy(() -> memory.read(r.base() + 1, 3))
                .isInstanceOf(MemoryAccessException.class)
                .hasMessageContaining("0x" + Long.toHexString(r.base() + 1))
                .hasMessageContaining("runs past the end of bytes storage");
    }

    @Test
    void readInAGapOrBeforeEveryRegionThrows() {
        Region r = memory.allocate(new byte[3], false, "x");

        assertThatThrownBy(() -> memory.read(r.base() + 8, 1))
                .isInstanceOf(MemoryAccessException.class).hasMessageContaining("not inside any live buffer");
        assertThatThrownBy(() -> memory.read(0x1000, 1))
                .isInstanceOf(MemoryAccessException.class).hasMessageContaining("0x1000");
    }

    @Test
    void freedMemoryIsNeverReadAsZeros() {
        Region r = memory.allocate(new byte[] {7, 7}, false, "bytearray storage");
        memory.free(r);

        assertThatThrownBy(() -> memory.read(r.base(), 2))
                .isInstanceOf(MemoryAccessException.class)
                .hasMessageContaining("was freed").hasMessageContaining("bytearray storage");
        assertThatThrownBy(() -> memory.write(r.base(), new byte[] {1})).isInstanceOf(MemoryAccessException.class);
    }

    @Test
    void writeToReadOnlyMemoryThrows() {
        Region r = memory.allocate(new byte[] {1}, true, "bytes storage");

        assertThatThrownBy(() -> memory.write(r.base(), new byte[] {2}))
                .isInstanceOf(MemoryAccessException.class)
                .hasMessage("write to read-only memory at 0x" + Long.toHexString(r.base()) + " (bytes storage)");
        assertThat(memory.read(r.base(), 1)).containsExactly(1);
    }

    @Test
    void afterFreeAllOldAddressesStayInvalidAndAreNotReused() {
        Region old = memory.allocate(new byte[4], false, "old");
        memory.freeAll();
        Region fresh = memory.allocate(new byte[4], false, "new");

        assertThat(fresh.base()).isNotEqualTo(old.base());
        assertThat(memory.liveRegions()).isEqualTo(1);
        assertThatThrownBy(() -> memory.read(old.base(), 1)).isInstanceOf(MemoryAccessException.class);
    }

    @Test
    void aZeroLengthAccessTouchesNothingAndAlwaysSucceeds() {
        Region r = memory.allocate(new byte[4], false, "x");

        assertThat(memory.read(r.base() - 4, 0)).isEmpty();
        memory.write(0, new byte[0]);
    }

    @Test
    void negativeLengthIsTheCallersMistake() {
        Region r = memory.allocate(new byte[4], false, "x");

        assertThatThrownBy(() -> memory.read(r.base(), -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
