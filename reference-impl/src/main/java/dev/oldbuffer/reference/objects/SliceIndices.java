package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * A slice resolved against a length, as {@code PySlice_Unpack} plus {@code PySlice_AdjustIndices} do
 * (what {@code slice.indices(n)} and memoryview slicing use). Omitted bounds are null.
 *
 * @param start  first index taken (may be -1 or n when nothing is taken)
 * @param stop   the exclusive end
 * @param step   never zero
 * @param length number of indices taken
 */
@API(status = INTERNAL, since = "0.1")
public record SliceIndices(int start, int stop, int step, int length) {

    public static SliceIndices of(Integer start, Integer stop, int step, int n) {
        if (step == 0) {
            throw new IllegalArgumentException("slice step cannot be zero");
        }
        // PySlice_Unpack: an omitted bound is the far end in the direction of the step.
        long lo = start != null ? start : step < 0 ? Long.MAX_VALUE : 0;
        long hi = stop != null ? stop : step < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        int adjustedStart = adjust(lo, step, n);
        int adjustedStop = adjust(hi, step, n);
        int length;
        if (step < 0) {
            length = adjustedStop < adjustedStart ? (adjustedStart - adjustedStop - 1) / -step + 1 : 0;
        } else {
            length = adjustedStart < adjustedStop ? (adjustedStop - adjustedStart - 1) / step + 1 : 0;
        }
        return new SliceIndices(adjustedStart, adjustedStop, step, length);
    }

    /** PySlice_AdjustIndices for one bound: negative counts from the end, then clamp. */
    private static int adjust(long index, int step, int n) {
        if (index < 0) {
            index += n;
            if (index < 0) {
                return step < 0 ? -1 : 0;
            }
            return (int) index;
        }
        if (index >= n) {
            return step < 0 ? n - 1 : n;
        }
        return (int) index;
    }
}
