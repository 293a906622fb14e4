package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * C-contiguity, computed the two ways CPython does. They differ for one case only: an empty
 * one-dimensional view whose stride is not the item size ({@code m[3:3:2]}) is contiguous by
 * {@code PyBuffer_IsContiguous} but not by memoryview's own flag, and memoryview's getbuffer uses its flag.
 */
@API(status = INTERNAL, since = "0.1")
public final class Contiguity {

    private Contiguity() {
    }

    /**
     * {@code PyBuffer_IsContiguous(view, 'C')} (Objects/abstract.c, {@code _IsCContiguous}): empty views and
     * views without strides are contiguous; otherwise every dimension of extent above 1 must have the C stride.
     */
    public static boolean isC(View view) {
        if (view.len() == 0 || view.strides() == null) {
            return true;
        }
        return matchesCStrides(view.shape(), view.strides(), view.itemsize());
    }

    /**
     * memoryview's {@code _Py_MEMORYVIEW_C} flag (Objects/memoryobject.c, {@code init_flags}): for one dimension
     * the fast test {@code shape[0] == 1 || strides[0] == itemsize}; for more, {@link #isC}. Needs full shape and strides.
     */
    public static boolean memoryviewFlagC(View view) {
        if (view.ndim() == 0) {
            return true;
        }
        if (view.ndim() == 1) {
            return view.shape()[0] == 1 || view.strides()[0] == view.itemsize();
        }
        return isC(view);
    }

    /** {@code PyBuffer_IsContiguous(view, 'F')} ({@code _IsFortranContiguous}), for views with full strides. */
    public static boolean isF(View view) {
        if (view.len() == 0) {
            return true;
        }
        if (view.strides() == null) {
            int extentsAboveOne = 0;
            for (int extent : view.shape() == null ? new int[0] : view.shape()) {
                extentsAboveOne += extent > 1 ? 1 : 0;
            }
            return view.ndim() <= 1 || extentsAboveOne <= 1;
        }
        int[] shape = view.shape();
        int[] strides = view.strides();
        int expected = view.itemsize();
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] > 1 && strides[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /** memoryview's {@code _Py_MEMORYVIEW_FORTRAN} flag: the same one-dimensional fast test, {@link #isF} beyond. */
    public static boolean memoryviewFlagF(View view) {
        if (view.ndim() <= 1) {
            return memoryviewFlagC(view);
        }
        return isF(view);
    }

    /**
     * {@code PyBuffer_IsContiguous(view, 'A')}: no suboffsets, and C- or Fortran-contiguous - one segment, in
     * whichever order.
     */
    public static boolean isSingleSegment(View view) {
        return view.suboffsets() == null && (isC(view) || isF(view));
    }

    /** {@code PyBuffer_IsContiguous(view, 'C')}: no suboffsets, and C-contiguous. */
    public static boolean isCSegment(View view) {
        return view.suboffsets() == null && isC(view);
    }

    /** The strides of a C-contiguous array of this shape ({@code init_strides_from_shape}). */
    public static int[] cStrides(int[] shape, int itemsize) {
        int[] strides = new int[shape.length];
        int stride = itemsize;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = stride;
            stride *= shape[d];
        }
        return strides;
    }

    private static boolean matchesCStrides(int[] shape, int[] strides, int itemsize) {
        int expected = itemsize;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] > 1 && strides[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }
}
