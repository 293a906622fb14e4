package dev.oldbuffer.reference.objects;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SliceIndicesTest {

    /** Expected values from CPython: {@code slice(start, stop, step).indices(n)} and {@code len(range(...))}. */
    @ParameterizedTest(name = "[{0}:{1}:{2}] of {3} -> ({4}, {5}), {6} items")
    @CsvSource(nullValues = "_", value = {
        "_,    _,    1,  6,   0,  6, 6",
        "_,    _,    2,  6,   0,  6, 3",
        "_,    _,   -1,  6,   5, -1, 6",
        "_,    _,   -2,  6,   5, -1, 3",
        "1,    _,    3, 10,   1, 10, 3",
        "2,    7,    1, 10,   2,  7, 5",
        "-5,   _,    1,  8,   3,  8, 5",
        "1,    2,   -1,  3,   1,  2, 0",
        "3,    3,    2,  6,   3,  3, 0",
        "-100, 100,  1,  5,   0,  5, 5",
        "100, -100, -1,  5,   4, -1, 5",
        "-10, -20,  -1,  6,  -1, -1, 0",
        "5,    2,   -1,  6,   5,  2, 3",
        "0,    0,   -1,  4,   0,  0, 0",
        "_,   -3,   -2,  7,   6,  4, 1",
        "7,    _,    1,  5,   5,  5, 0",
        "_,    _,    1,  0,   0,  0, 0",
        "_,    _,   -1,  0,  -1, -1, 0",
    })
    void resolvesLikePython(Integer start, Integer stop, int step, int n, int expStart, int expStop, int expLength) {
        SliceIndices s = SliceIndices.of(start, stop, step, n);

        assertThat(s).isEqualTo(new SliceIndices(expStart, expStop, step, expLength));
    }
}
