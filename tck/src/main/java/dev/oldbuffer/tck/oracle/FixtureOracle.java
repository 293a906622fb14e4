package dev.oldbuffer.tck.oracle;

import static org.apiguardian.api.API.Status.MAINTAINED;

import dev.oldbuffer.spi.ExporterSpec;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Function;
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
        return layout(fixture, true);
    }

    /**
     * Whether a correct implementation of {@code function} accepts the object, as its layout says; without copying the
     * object's bytes, which the generators' filters, asking this of every sample, never look at.
     */
    public boolean accepts(Function function, Fixture fixture) {
        return layout(fixture, false).acceptedBy(function);
    }

    private Layout layout(Fixture fixture, boolean withData) {
        Kind kind = fixture.accept(kinds);
        View v = fixture.accept(views);
        if (v == null) {
            return new Layout(kind.typeName(), false, Optional.empty(), false, false, true, new byte[0], -1, kind.probe(), false);
        }
        // The exporter decides itself (ExporterSpec: any stride > 1 is refused); views follow memoryview's rules.
        boolean contiguous = kind.ownStorage() && v.strided() ? false : v.cContiguous();
        return new Layout(kind.typeName(), true, Optional.ofNullable(v.refusal), v.released, contiguous, v.readOnly,
                withData ? v.logicalBytes() : new byte[0], contiguous && v.fromExisting ? v.offset : -1, kind.probe(),
                kind.releaseSlot());
    }

    /** What a recipe's kind says of the object: its Python type, and how to see that nothing exports it any longer. */
    /** @param releaseSlot whether the type fills bf_releasebuffer, which {@code y#} refuses */
    private record Kind(String typeName, Layout.ExportProbe probe, boolean ownStorage, boolean releaseSlot) {
        static Kind of(String typeName, Layout.ExportProbe probe) {
            return new Kind(typeName, probe, false, true);
        }

        /** A type without bf_releasebuffer. */
        static Kind withoutReleaseSlot(String typeName, Layout.ExportProbe probe) {
            return new Kind(typeName, probe, false, false);
        }
    }

    private final Fixture.Visitor<Kind> kinds = new Fixture.Visitor<>() {
        @Override public Kind bytes(Fixture.Bytes f) { return Kind.withoutReleaseSlot("bytes", Layout.ExportProbe.NONE); }
        @Override public Kind byteArray(Fixture.ByteArray f) { return Kind.of("bytearray", Layout.ExportProbe.RESIZE); }
        @Override public Kind arrayOf(Fixture.ArrayOf f) { return Kind.of("array", Layout.ExportProbe.RESIZE); }
        @Override public Kind memoryView(Fixture.MemoryView f) { return Kind.of("memoryview", Layout.ExportProbe.RELEASE); }
        @Override public Kind sliced(Fixture.Sliced f) { return Kind.of("memoryview", Layout.ExportProbe.RELEASE); }
        @Override public Kind cast(Fixture.Cast f) { return Kind.of("memoryview", Layout.ExportProbe.RELEASE); }
        @Override public Kind readOnly(Fixture.ReadOnly f) { return Kind.of("memoryview", Layout.ExportProbe.RELEASE); }
        /** Released already: releasing again proves nothing. */
        @Override public Kind released(Fixture.Released f) { return Kind.of("memoryview", Layout.ExportProbe.NONE); }
        @Override public Kind str(Fixture.Str f) { return Kind.withoutReleaseSlot("str", Layout.ExportProbe.NONE); }
        @Override public Kind integer(Fixture.Int f) { return Kind.withoutReleaseSlot("int", Layout.ExportProbe.NONE); }
        @Override public Kind none(Fixture.NoneObject f) { return Kind.withoutReleaseSlot("NoneType", Layout.ExportProbe.NONE); }
        /** Its storage is its own layout: a stride of more than one byte is not contiguous, whatever the shape. */
        @Override public Kind exporter(Fixture.Exporter f) { return new Kind("Exporter", Layout.ExportProbe.COUNTS, true, true); }
        @Override public Kind existing(Fixture.Existing f) { return existing.apply(f).accept(this); }
        /** close() is refused while exported: the probe a release stands for. */
        @Override public Kind mmap(Fixture.Mmap f) { return Kind.of("mmap", f.closed() ? Layout.ExportProbe.NONE : Layout.ExportProbe.RELEASE); }
        @Override public Kind pythonExporter(Fixture.PythonExporter f) { return Kind.of("Pep688Exporter", Layout.ExportProbe.COUNTS); }
        /** close() is refused while exported. */
        @Override public Kind largeMap(Fixture.LargeMap f) { return Kind.of("mmap", Layout.ExportProbe.RELEASE); }
        /** A bytearray: resizing is refused while anything exports it (the slice __buffer__ handed out included). */
        @Override public Kind bufferOverride(Fixture.BufferOverride f) { return Kind.of("ByteArrayExportingItsTail", Layout.ExportProbe.RESIZE); }
        /** A memoryview like any other: release() is refused while it is exported. */
        @Override public Kind cMemory(Fixture.CMemory f) { return Kind.of("memoryview", Layout.ExportProbe.RELEASE); }
        /** ctypes has no bf_releasebuffer: nothing shows that an export ended, and y# takes it. */
        @Override public Kind ctypes(Fixture.Ctypes f) {
            return Kind.withoutReleaseSlot(f.pythonTypeName(), Layout.ExportProbe.NONE);
        }
        /** The driver's class names; buffer behaviour, and with it how to see an export, is the base type's. */
        @Override public Kind subclass(Fixture.Subclass f) {
            Kind base = f.base().accept(this);
            String name = switch (base.typeName()) {
                case "bytes" -> "BytesSubclass";
                case "bytearray" -> "ByteArraySubclass";
                default -> "ArraySubclass";
            };
            return new Kind(name, base.probe(), base.ownStorage(), base.releaseSlot());
        }
    };

    private final Fixture.Visitor<View> views = new ViewOf(false);

    /** A strided view over a storage array, as memoryview keeps it; null for no buffer interface. */
    private final class ViewOf implements Fixture.Visitor<View> {
        /** Whether the recipe stands on an {@code Existing} object, whose memory offsets are then known. */
        private final boolean underExisting;

        ViewOf(boolean underExisting) {
            this.underExisting = underExisting;
        }

        @Override public View bytes(Fixture.Bytes f) { return View.flat(f.data(), true, underExisting); }
        @Override public View byteArray(Fixture.ByteArray f) { return View.flat(f.data(), false, underExisting); }
        @Override public View arrayOf(Fixture.ArrayOf f) {
            return View.flat(f.raw(), false, underExisting).withItems(Typecodes.itemSize(f.typecode()));
        }
        @Override public View memoryView(Fixture.MemoryView f) { return f.base().accept(this); }
        @Override public View sliced(Fixture.Sliced f) { return viewOf(f.view(), f).slice(f.start(), f.stop(), f.step()); }
        @Override public View cast(Fixture.Cast f) { return viewOf(f.view(), f).cast(f.format(), f.shape()); }
        @Override public View readOnly(Fixture.ReadOnly f) { return viewOf(f.view(), f).readOnlyCopy(); }
        @Override public View released(Fixture.Released f) { return viewOf(f.view(), f).releasedCopy(); }
        @Override public View str(Fixture.Str f) { return null; }
        @Override public View integer(Fixture.Int f) { return null; }
        @Override public View none(Fixture.NoneObject f) { return null; }
        @Override public View exporter(Fixture.Exporter f) { return FixtureOracle.exporter(f.spec(), underExisting); }
        @Override public View existing(Fixture.Existing f) { return existing.apply(f).accept(new ViewOf(true)); }
        @Override public View subclass(Fixture.Subclass f) { return f.base().accept(this); }
        /**
         * What {@code __buffer__} hands out, asked for the request: the base's view (a copy of its bytes, read-only, for
         * COPY); a raising {@code __buffer__} refuses with ValueError, one that returns no memoryview with TypeError.
         */
        @Override public View pythonExporter(Fixture.PythonExporter f) {
            View base = viewOf(f.base(), f);
            return switch (f.mode()) {
                case RAISES -> base.refused("ValueError", false);
                case WRONG_TYPE -> base.refused("TypeError", false);
                case COPY -> View.flat(base.logicalBytes(), true, false);
                default -> base;
            };
        }
        /** Not modelled byte by byte (more than 2 GiB): its assertions check its length and both ends directly. */
        @Override public View largeMap(Fixture.LargeMap f) {
            throw new IllegalArgumentException(f.describe() + " has no byte-by-byte layout; check it through its address");
        }
        /** What its __buffer__ hands out: the bytes from the second on, writable. */
        @Override public View bufferOverride(Fixture.BufferOverride f) { return View.flat(f.exported(), false, underExisting); }
        /** One flat block of bytes; read-only unless made with PyBUF_WRITE. */
        @Override public View cMemory(Fixture.CMemory f) { return View.flat(f.data(), !f.writable(), underExisting); }
        /** Its own memory, writable, in its type's items: one dimension for an array, none for a structure or scalar. */
        @Override public View ctypes(Fixture.Ctypes f) {
            byte[] raw = f.raw();
            if (f.type().isArray()) {
                return View.flat(raw, false, underExisting).withItems(f.type().itemSize);
            }
            return new View(raw, 0, raw.length, new int[0], new int[0], false, null, false, underExisting);
        }
        /** A closed map refuses every request with ValueError ("mmap closed or invalid"). */
        @Override public View mmap(Fixture.Mmap f) {
            View v = View.flat(f.contents(), f.access() == Fixture.Mmap.Access.READ, underExisting);
            return f.closed() ? v.refused("ValueError", false) : v;
        }

        private View viewOf(Fixture inner, Fixture outer) {
            return nonNull(inner.accept(this), outer);
        }
    }

    private static View nonNull(View v, Fixture f) {
        if (v == null) {
            throw new IllegalArgumentException(f.describe() + ": the base has no buffer interface");
        }
        return v;
    }

    private static View exporter(ExporterSpec spec, boolean underExisting) {
        if (spec.rule() != ExporterSpec.RuleBreak.NONE) {
            // what the functions make of them differs per profile; RuleBreakChecks states it, the domain has none
            throw new IllegalArgumentException("the oracle does not model an exporter that breaks a rule: " + spec.describe());
        }
        byte[] data = spec.data();   // a copy: with a step of 1 it is the storage
        byte[] storage = data;
        if (spec.step() != 1) {
            storage = new byte[Math.max(0, data.length * spec.step())];
            for (int i = 0; i < data.length; i++) {
                storage[i * spec.step()] = data[i];
            }
        }
        View v = new View(storage, 0, 1, new int[] {data.length}, new int[] {spec.step()}, spec.readOnly(), null, false,
                underExisting);
        return spec.failWith() == null ? v : v.refused(spec.failWith(), false);
    }

    /** Shape, strides and offset over storage; item size in bytes; what a request for it raises, if anything. */
    private record View(byte[] storage, long offset, int itemSize, int[] shape, int[] strides, boolean readOnly,
                        String refusal, boolean released, boolean fromExisting) {

        static View flat(byte[] data, boolean readOnly, boolean fromExisting) {
            return new View(data, 0, 1, new int[] {data.length}, new int[] {1}, readOnly, null, false, fromExisting);
        }

        View withItems(int size) {
            return new View(storage, 0, size, new int[] {storage.length / size}, new int[] {size}, readOnly, refusal, released,
                    fromExisting);
        }

        View readOnlyCopy() {
            return new View(storage, offset, itemSize, shape, strides, true, refusal, released, fromExisting);
        }

        /** memoryview.release(): every request raises ValueError afterwards. */
        View releasedCopy() {
            return refused("ValueError", true);
        }

        View refused(String type, boolean byRelease) {
            return new View(storage, offset, itemSize, shape, strides, readOnly, type, byRelease, fromExisting);
        }

        /** Whether some dimension steps over more than one item. */
        boolean strided() {
            for (int d = 0; d < shape.length; d++) {
                if (strides[d] != itemSize && shape[d] > 0) {
                    return true;
                }
            }
            return false;
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
            return new View(storage, offset + (long) lo * strides[0], itemSize, newShape, newStrides, readOnly, refusal, released,
                    fromExisting);
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
            return new View(storage, offset, size, target, newStrides, readOnly, refusal, released, fromExisting);
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
            if (shape.length == 0) {   // 0-d: the one item
                System.arraycopy(storage, (int) offset, out, 0, itemSize);
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
