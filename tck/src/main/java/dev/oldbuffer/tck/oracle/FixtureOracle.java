package dev.oldbuffer.tck.oracle;

import static org.apiguardian.api.API.Status.MAINTAINED;

import dev.oldbuffer.spi.ExporterSpec;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Typecodes;
import java.util.Arrays;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Computes a fixture's {@link Layout} the way CPython's memoryview does (shape, strides, C-contiguity,
 * slicing along the first dimension, cast), independently of any implementation under test.
 * {@link Fixture.Existing} is resolved through the recipe it was created from, given by the caller.
 */
@API(status = MAINTAINED, since = "0.1")
public final class FixtureOracle {

    private final java.util.function.Function<Fixture.Existing, Fixture> existing;

    /** @param existing the recipe each {@code Existing} object was created from */
    public FixtureOracle(java.util.function.Function<Fixture.Existing, Fixture> existing) {
        this.existing = existing;
    }

    /** An oracle for recipes without {@code Existing} parts. */
    public static FixtureOracle standalone() {
        return new FixtureOracle(e -> {
            throw new IllegalArgumentException("no recipe known for " + e.describe());
        });
    }

    public Layout layout(Fixture fixture) {
        View v = view(fixture, false);
        if (v == null) {
            return new Layout(false, Optional.empty(), false, true, new byte[0], -1);
        }
        // The exporter decides itself (ExporterSpec: any stride > 1 is refused); views follow memoryview's rules.
        boolean contiguous = fixture instanceof Fixture.Exporter e ? e.spec().contiguous() : v.cContiguous();
        return new Layout(true, Optional.ofNullable(v.refusal), contiguous, v.readOnly, v.logicalBytes(),
                contiguous && v.fromExisting ? v.offset : -1);
    }

    /** A strided view over a storage array, as memoryview keeps it; null for no buffer interface. */
    private View view(Fixture f, boolean underExisting) {
        // Java 17 has no pattern switch: an instanceof chain over the sealed recipes.
        if (f instanceof Fixture.Bytes b) {
            return View.flat(b.data(), true, underExisting);
        } else if (f instanceof Fixture.ByteArray b) {
            return View.flat(b.data(), false, underExisting);
        } else if (f instanceof Fixture.ArrayOf a) {
            return View.flat(a.raw(), false, underExisting).withItems(Typecodes.itemSize(a.typecode()));
        } else if (f instanceof Fixture.Exporter e) {
            return exporter(e.spec(), underExisting);
        } else if (f instanceof Fixture.Existing e) {
            return view(existing.apply(e), true);
        } else if (f instanceof Fixture.MemoryView m) {
            return view(m.base(), underExisting);
        } else if (f instanceof Fixture.ReadOnly r) {
            return nonNull(view(r.view(), underExisting), r).readOnlyCopy();
        } else if (f instanceof Fixture.Released r) {
            return nonNull(view(r.view(), underExisting), r).refused("ValueError");
        } else if (f instanceof Fixture.Sliced s) {
            return nonNull(view(s.view(), underExisting), s).slice(s.start(), s.stop(), s.step());
        } else if (f instanceof Fixture.Cast c) {
            return nonNull(view(c.view(), underExisting), c).cast(c.format(), c.shape());
        }
        return null; // str, int, None: no buffer interface
    }

    private static View nonNull(View v, Fixture f) {
        if (v == null) {
            throw new IllegalArgumentException(f.describe() + ": the base has no buffer interface");
        }
        return v;
    }

    private static View exporter(ExporterSpec spec, boolean underExisting) {
        byte[] data = spec.data();
        byte[] storage = new byte[Math.max(0, data.length * spec.step())];
        for (int i = 0; i < data.length; i++) {
            storage[i * spec.step()] = data[i];
        }
        View v = new View(storage, 0, 1, new int[] {data.length}, new int[] {spec.step()}, spec.readOnly(), null, underExisting);
        return spec.failWith() == null ? v : v.refused(spec.failWith());
    }

    /** Shape, strides and offset over storage; item size in bytes. */
    private record View(byte[] storage, long offset, int itemSize, int[] shape, int[] strides, boolean readOnly,
                        String refusal, boolean fromExisting) {

        static View flat(byte[] data, boolean readOnly, boolean fromExisting) {
            return new View(data, 0, 1, new int[] {data.length}, new int[] {1}, readOnly, null, fromExisting);
        }

        View withItems(int size) {
            return new View(storage, 0, size, new int[] {storage.length / size}, new int[] {size}, readOnly, refusal, fromExisting);
        }

        View readOnlyCopy() {
            return new View(storage, offset, itemSize, shape, strides, true, refusal, fromExisting);
        }

        View refused(String type) {
            return new View(storage, offset, itemSize, shape, strides, readOnly, type, fromExisting);
        }

        long items() {
            long n = 1;
            for (int s : shape) {
                n *= s;
            }
            return n;
        }

        /**
         * memoryview's C-contiguity flag: for one dimension its own test (one item, or a stride of one item, so
         * an empty slice with another stride is not contiguous); otherwise PyBuffer_IsContiguous(view, 'C'),
         * where dimensions of extent 1 do not matter and empty views are contiguous.
         */
        boolean cContiguous() {
            if (shape.length == 1) {
                return shape[0] == 1 || strides[0] == itemSize;
            }
            if (items() == 0) {
                return true;
            }
            long expected = itemSize;
            for (int d = shape.length - 1; d >= 0; d--) {
                if (shape[d] > 1 && strides[d] != expected) {
                    return false;
                }
                expected *= shape[d];
            }
            return true;
        }

        /** Python slice semantics (slice.indices) along the first dimension. */
        View slice(Integer start, Integer stop, int step) {
            int n = shape[0];
            int lo;
            int hi;
            if (step > 0) {
                lo = start == null ? 0 : clamp(start, n, 0, n);
                hi = stop == null ? n : clamp(stop, n, 0, n);
            } else {
                lo = start == null ? n - 1 : clamp(start, n, -1, n - 1);
                hi = stop == null ? -1 : clamp(stop, n, -1, n - 1);
            }
            int len = step > 0 ? (hi > lo ? (hi - lo + step - 1) / step : 0)
                               : (lo > hi ? (lo - hi + (-step) - 1) / (-step) : 0);
            int[] newShape = shape.clone();
            int[] newStrides = strides.clone();
            newShape[0] = len;
            newStrides[0] = strides[0] * step;
            return new View(storage, offset + (long) lo * strides[0], itemSize, newShape, newStrides, readOnly, refusal, fromExisting);
        }

        private static int clamp(int index, int n, int low, int high) {
            int i = index < 0 ? index + n : index;
            return Math.max(low, Math.min(high, i));
        }

        View cast(String format, int[] newShape) {
            if (!cContiguous()) {
                throw new IllegalArgumentException("memoryview: casts are restricted to C-contiguous views");
            }
            int size = Typecodes.itemSize(format.charAt(0));
            long bytes = items() * itemSize;
            int[] target = newShape.length == 0 ? new int[] {(int) (bytes / size)} : newShape.clone();
            long count = 1;
            for (int s : target) {
                count *= s;
            }
            if (count * size != bytes) {
                throw new IllegalArgumentException("memoryview: product(shape) * itemsize != buffer size");
            }
            int[] newStrides = new int[target.length];
            int stride = size;
            for (int d = target.length - 1; d >= 0; d--) {
                newStrides[d] = stride;
                stride *= target[d];
            }
            return new View(storage, offset, size, target, newStrides, readOnly, refusal, fromExisting);
        }

        /**
         * The items in C order, copied from storage one row (the last dimension) at a time: a row whose stride is the
         * item size is one block, so contiguous data of any size takes a single copy.
         */
        byte[] logicalBytes() {
            byte[] out = new byte[(int) (items() * itemSize)];
            if (out.length == 0) {
                return out;
            }
            int last = shape.length - 1;
            boolean packed = strides[last] == itemSize;
            int[] index = new int[shape.length];
            for (int pos = 0; pos < out.length; ) {
                long row = offset;
                for (int d = 0; d < last; d++) {
                    row += (long) index[d] * strides[d];
                }
                if (packed) {
                    System.arraycopy(storage, (int) row, out, pos, shape[last] * itemSize);
                    pos += shape[last] * itemSize;
                } else {
                    for (int i = 0; i < shape[last]; i++, pos += itemSize) {
                        System.arraycopy(storage, (int) (row + (long) i * strides[last]), out, pos, itemSize);
                    }
                }
                for (int d = last - 1; d >= 0; d--) {
                    if (++index[d] < shape[d]) {
                        break;
                    }
                    index[d] = 0;
                }
            }
            return out;
        }

        @Override
        public String toString() {
            return "View[shape=" + Arrays.toString(shape) + ", strides=" + Arrays.toString(strides) + ", offset=" + offset + "]";
        }
    }
}
