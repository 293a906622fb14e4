package dev.oldbuffer.tck.arbitraries;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OldBufferDomainTest {

    /** The samples of every run and baseline depend on these bytes: eight at a time must give what nextBytes gives. */
    @Test
    void randomContentsAreTheBytesOfSplittableRandom() {
        for (long seed : new long[] {0, 1, -5, 20261127, Long.MIN_VALUE}) {
            for (int size = 0; size <= OldBufferDomain.MAX_SIZE; size += size < 130 ? 1 : 4093) {
                byte[] expected = new byte[size];
                new SplittableRandom(seed).nextBytes(expected);
                assertThat(OldBufferDomain.fill(size, OldBufferDomain.Pattern.RANDOM, seed))
                        .as("%d bytes from seed %d", size, seed).isEqualTo(expected);
            }
        }
    }

    @Test
    void countingContentsCountModulo256() {
        for (int size : new int[] {0, 1, 255, 256, 257, 511, 512, 1000, 4096, 4097, OldBufferDomain.MAX_SIZE}) {
            byte[] expected = new byte[size];
            for (int i = 0; i < size; i++) {
                expected[i] = (byte) i;
            }
            assertThat(OldBufferDomain.fill(size, OldBufferDomain.Pattern.COUNTING, 7)).as("%d bytes", size).isEqualTo(expected);
        }
    }
}
