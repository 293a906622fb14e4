package dev.oldbuffer.reference.objects;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContiguityTest {

    private final Py py = new Py();

    private static View view(int len, int itemsize, int[] shape, int[] strides) {
        return new View(0x1000, len, false, itemsize, "B", shape == null ? 1 : shape.length, shape, strides, null);
    }

    @Test
    void pyBufferIsContiguousFollowsCPython() {
        assertThat(Contiguity.isC(view(6, 1, new int[] {6}, new int[] {1}))).isTrue();
        assertThat(Contiguity.isC(view(3, 1, new int[] {3}, new int[] {2}))).isFalse();
        assertThat(Contiguity.isC(view(3, 1, new int[] {3}, new int[] {-1}))).isFalse();
        assertThat(Contiguity.isC(view(6, 1, null, null))).as("no strides: C-contiguous by definition").isTrue();
        assertThat(Contiguity.isC(view(0, 1, new int[] {0}, new int[] {2}))).as("empty").isTrue();
        assertThat(Contiguity.isC(view(1, 1, new int[] {1}, new int[] {7}))).as("one element").isTrue();
        assertThat(Contiguity.isC(view(12, 4, new int[] {3}, new int[] {4}))).isTrue();
        assertThat(Contiguity.isC(view(12, 1, new int[] {3, 4}, new int[] {4, 1}))).isTrue();
        assertThat(Contiguity.isC(view(12, 1, new int[] {3, 4}, new int[] {1, 3}))).as("Fortran order").isFalse();
        assertThat(Contiguity.isC(view(4, 1, new int[] {1, 4}, new int[] {99, 1}))).as("extent-1 dims do not count").isTrue();
    }

    @Test
    void fortranContiguity() {
        assertThat(Contiguity.isF(view(12, 1, new int[] {3, 4}, new int[] {1, 3}))).isTrue();
        assertThat(Contiguity.isF(view(12, 1, new int[] {3, 4}, new int[] {4, 1}))).isFalse();
    }

    @Test
    void cStridesFromShape() {
        assertThat(Contiguity.cStrides(new int[] {2, 3, 4}, 2)).containsExactly(24, 8, 2);
    }

    /** Expected {@code c_contiguous} values from CPython 3.11 for {@code memoryview(b'abcdef')[start:stop:step]}. */
    @ParameterizedTest(name = "memoryview(b'abcdef')[{0}:{1}:{2}].c_contiguous == {3}")
    @CsvSource(nullValues = "_", value = {
        "_, _,  1, true",
        "_, _,  2, false",
        "_, _, -1, false",
        "2, 3,  2, true",   // one element
        "3, 3,  1, true",   // empty, stride 1
        "3, 3,  2, false",  // empty with stride 2: memoryview's 1-D test says no
        "5, 2, -1, false",
        "2, 1, -1, true",   // one element, negative step
        "1, 5,  1, true",
    })
    void memoryviewSlicesOfOneDimension(Integer start, Integer stop, int step, boolean expected) throws PyException {
        PyMemoryView slice = py.mv("abcdef").slice(start, stop, step);

        assertThat(slice.cContiguous()).isEqualTo(expected);
    }

    @Test
    void emptyStridedSliceIsTheOneCaseWhereTheTwoTestsDisagree() throws PyException {
        View empty = py.mv("abcdef").slice(3, 3, 2).view();

        assertThat(Contiguity.isC(empty)).isTrue();
        assertThat(Contiguity.memoryviewFlagC(empty)).isFalse();
    }

    @Test
    void twoDimensionalCastsAndTheirRowSlices() throws PyException {
        PyMemoryView grid = py.mv("ABCDEFGHIJKL").cast("B", new int[] {4, 3});

        assertThat(grid.view().strides()).containsExactly(3, 1);
        assertThat(grid.cContiguous()).isTrue();
        assertThat(grid.slice(null, null, 2).cContiguous()).as("every other row").isFalse();
        assertThat(grid.slice(1, 3, 1).cContiguous()).as("two adjacent rows").isTrue();
        assertThat(grid.slice(null, null, -1).cContiguous()).as("rows reversed").isFalse();
        assertThat(grid.slice(2, 1, -1).cContiguous()).as("one row, negative step").isTrue();
        assertThat(grid.slice(0, 0, 1).cContiguous()).as("no rows: empty 2-D is contiguous").isTrue();
        assertThat(grid.slice(0, 0, 2).cContiguous()).as("empty 2-D, even strided").isTrue();
    }

    @Test
    void castOfWiderItemsKeepsByteLength() throws PyException {
        PyMemoryView ints = py.mv("0123456789ab").cast("i", null);

        assertThat(ints.view().shape()).containsExactly(3);
        assertThat(ints.view().strides()).containsExactly(4);
        assertThat(ints.view().len()).isEqualTo(12);
        assertThat(ints.slice(null, null, 2).cContiguous()).isFalse();
        assertThat(ints.slice(1, 2, 1).cContiguous()).isTrue();
    }
}
