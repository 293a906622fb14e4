package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Arrays;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A {@code Py_buffer}. Fields the request did not ask for are null, as in C: {@code format} without
 * {@code PyBUF_FORMAT}, {@code shape} without {@code PyBUF_ND}, {@code strides} without {@code PyBUF_STRIDES}.
 * Arrays are copied in and out, so a view is a value.
 *
 * @param buf      the address of the first byte (in C order) in the {@code AddressSpace}
 * @param len      product(shape) * itemsize, in bytes (a {@code Py_ssize_t}: more than 2 GiB for a large map)
 * @param readonly whether the memory must not be written
 * @param itemsize bytes per item
 * @param format   struct format of an item, or null (meaning "B")
 * @param ndim     number of dimensions
 * @param shape    items per dimension, or null
 * @param strides  bytes to step per dimension, or null (C-contiguous)
 * @param obj      the exporter to give the view back to ({@code view.obj})
 * @param suboffsets per dimension, the offset to add after following a pointer, or null (no indirection); only an
 *                 exporter that breaks the rules hands them to a request that did not ask for them
 */
@API(status = INTERNAL, since = "0.1")
public record View(long buf, long len, boolean readonly, int itemsize, String format, int ndim, int[] shape,
                   int[] strides, BufferExporter obj, int[] suboffsets) {

    public View {
        shape = shape == null ? null : shape.clone();
        strides = strides == null ? null : strides.clone();
        suboffsets = suboffsets == null ? null : suboffsets.clone();
    }

    /** A view without suboffsets, as every well-behaved exporter hands out. */
    public View(long buf, long len, boolean readonly, int itemsize, String format, int ndim, int[] shape, int[] strides,
                BufferExporter obj) {
        this(buf, len, readonly, itemsize, format, ndim, shape, strides, obj, null);
    }

    @Override
    public int[] suboffsets() {
        return suboffsets == null ? null : suboffsets.clone();
    }

    @Override
    public int[] shape() {
        return shape == null ? null : shape.clone();
    }

    @Override
    public int[] strides() {
        return strides == null ? null : strides.clone();
    }

    /** Items in the view: product(shape), or len / itemsize without shape. */
    public int items() {
        if (shape == null) {
            return Math.toIntExact(len / itemsize);
        }
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    public View withBuf(long newBuf) {
        return new View(newBuf, len, readonly, itemsize, format, ndim, shape, strides, obj, suboffsets);
    }

    public View withReadonly(boolean newReadonly) {
        return new View(buf, len, newReadonly, itemsize, format, ndim, shape, strides, obj, suboffsets);
    }

    public View withObj(BufferExporter newObj) {
        return new View(buf, len, readonly, itemsize, format, ndim, shape, strides, newObj, suboffsets);
    }

    public View withFormat(String newFormat) {
        return new View(buf, len, readonly, itemsize, newFormat, ndim, shape, strides, obj, suboffsets);
    }

    /** Same memory and flags, new layout. */
    public View withLayout(int newItemsize, int newNdim, int[] newShape, int[] newStrides) {
        int newLen = newItemsize;
        for (int s : newShape) {
            newLen *= s;
        }
        return new View(buf, newLen, readonly, newItemsize, format, newNdim, newShape, newStrides, obj);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof View v && buf == v.buf && len == v.len && readonly == v.readonly && itemsize == v.itemsize
                && Objects.equals(format, v.format) && ndim == v.ndim && Arrays.equals(shape, v.shape)
                && Arrays.equals(strides, v.strides) && obj == v.obj && Arrays.equals(suboffsets, v.suboffsets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(buf, len, readonly, itemsize, format, ndim, Arrays.hashCode(shape), Arrays.hashCode(strides));
    }

    @Override
    public String toString() {
        return "View[buf=0x" + Long.toHexString(buf) + ", len=" + len + (readonly ? ", readonly" : "") + ", itemsize=" + itemsize
                + ", format=" + format + ", ndim=" + ndim + ", shape=" + Arrays.toString(shape)
                + ", strides=" + Arrays.toString(strides) + (suboffsets == null ? "" : ", suboffsets=" + Arrays.toString(suboffsets))
                + ", obj=" + (obj == null ? "NULL" : obj.typeName()) + "]";
    }
}
