package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.reference.memory.AddressSpace;
import dev.oldbuffer.spi.Typecodes;
import org.apiguardian.api.API;

/**
 * {@code memoryview}, after Objects/memoryobject.c: a full view (format, shape and strides always present)
 * registered with a {@link ManagedBuffer}; its own export count; slicing along the first dimension,
 * {@code cast}, {@code toreadonly} and {@code release} with CPython's rules and messages.
 */
@API(status = INTERNAL, since = "0.1")
public final class PyMemoryView implements BufferExporter {

    private static final String RELEASED = "operation forbidden on released memoryview object";

    private final AddressSpace memory;
    private final ManagedBuffer mbuf;
    private final View view;
    private final boolean cContiguous;
    private final boolean fContiguous;
    private int exports;
    private boolean released;

    /** {@code mbuf_add_view}: a new memoryview registered with {@code mbuf}, describing {@code view}. */
    private PyMemoryView(AddressSpace memory, ManagedBuffer mbuf, View view) {
        this.memory = memory;
        this.mbuf = mbuf;
        this.view = view;
        this.cContiguous = Contiguity.memoryviewFlagC(view);
        this.fContiguous = Contiguity.memoryviewFlagF(view);
        mbuf.register();
    }

    /**
     * {@code memoryview(obj)}: another memoryview shares its managed buffer; any other exporter is asked
     * once for a {@code PyBUF_FULL_RO} view.
     */
    public static PyMemoryView fromObject(AddressSpace memory, PyObject obj) throws PyException {
        if (obj instanceof PyMemoryView other) {
            other.checkReleased();
            return new PyMemoryView(memory, other.mbuf, other.view);
        }
        BufferExporter exporter = obj.bufferProcs();
        if (exporter == null) {
            throw PyException.typeError("memoryview: a bytes-like object is required, not '" + obj.typeName() + "'");
        }
        ManagedBuffer mbuf = ManagedBuffer.fromObject(exporter);
        return new PyMemoryView(memory, mbuf, complete(mbuf.master()));
    }

    /**
     * {@code PyMemoryView_FromMemory(mem, size, flags)}: C memory holding {@code data}, described by
     * {@code PyBuffer_FillInfo(NULL, mem, size, readonly = flags != PyBUF_WRITE, PyBUF_FULL_RO)}; nothing is exported.
     */
    public static PyMemoryView fromMemory(AddressSpace memory, byte[] data, boolean writable) {
        long mem = memory.allocate(data, !writable, "C memory").base();
        View master = new View(mem, data.length, !writable, 1, "B", 1, new int[] {data.length}, new int[] {1}, null);
        return new PyMemoryView(memory, ManagedBuffer.overMemory(master), master);
    }

    /** {@code init_shared_values} + {@code init_shape_strides}: reconstructs what the exporter left out. */
    private static View complete(View master) {
        int ndim = master.ndim();
        int[] shape = master.shape() != null ? master.shape() : new int[] {Math.toIntExact(master.len() / master.itemsize())};
        int[] strides = master.strides() != null ? master.strides() : Contiguity.cStrides(shape, master.itemsize());
        return new View(master.buf(), master.len(), master.readonly(), master.itemsize(),
                master.format() != null ? master.format() : "B", ndim, shape, strides, master.obj());
    }

    @Override
    public String typeName() {
        return "memoryview";
    }

    /** The memoryview's own description of the memory (what {@code m.shape}, {@code m.strides} show). */
    public View view() {
        return view;
    }

    /** {@code m.c_contiguous}. */
    public boolean cContiguous() {
        return cContiguous;
    }

    public int exports() {
        return exports;
    }

    public ManagedBuffer managedBuffer() {
        return mbuf;
    }

    /** BASE_INACCESSIBLE: released itself, or its managed buffer is gone. */
    public boolean isReleased() {
        return released || mbuf.released();
    }

    /** {@code m[start:stop:step]} along the first dimension ({@code init_slice}, {@code init_len}, {@code init_flags}). */
    public PyMemoryView slice(Integer start, Integer stop, int step) throws PyException {
        checkReleased();
        if (step == 0) {
            throw PyException.valueError("slice step cannot be zero");
        }
        int[] shape = view.shape();
        int[] strides = view.strides();
        SliceIndices s = SliceIndices.of(start, stop, step, shape[0]);
        long buf = view.buf() + (long) strides[0] * s.start();
        shape[0] = s.length();
        strides[0] *= step;
        return new PyMemoryView(memory, mbuf, view.withBuf(buf).withLayout(view.itemsize(), view.ndim(), shape, strides));
    }

    /** {@code m.cast(format)} ({@code shape} null) or {@code m.cast(format, shape)}, with CPython's checks in its order. */
    public PyMemoryView cast(String format, int[] shape) throws PyException {
        checkReleased();
        if (!cContiguous) {
            throw PyException.typeError("memoryview: casts are restricted to C-contiguous views");
        }
        if ((shape != null || view.ndim() != 1) && zeroInShape()) {
            throw PyException.typeError("memoryview: cannot cast view with zeros in shape or strides");
        }
        if (shape != null && view.ndim() != 1 && shape.length != 1) {
            throw PyException.typeError("memoryview: cast must be 1D -> ND or ND -> 1D");
        }
        int itemsize = nativeItemSize(format);
        if (itemsize < 0) {
            throw PyException.valueError("memoryview: destination format must be a native single character format"
                    + " prefixed with an optional '@'");
        }
        if (!isByteFormat(view.format()) && !isByteFormat(format)) {
            throw PyException.typeError("memoryview: cannot cast between two non-byte formats");
        }
        if (view.len() % itemsize != 0) {
            throw PyException.typeError("memoryview: length is not a multiple of itemsize");
        }
        int[] newShape = shape == null ? new int[] {Math.toIntExact(view.len() / itemsize)} : shape.clone();
        if (shape != null) {
            // cast_to_ND: only an explicit shape is checked (a 1-D cast of an empty view has extent 0).
            long bytes = itemsize;
            for (int extent : newShape) {
                if (extent <= 0) {
                    throw PyException.valueError("memoryview.cast(): elements of shape must be integers > 0");
                }
                bytes *= extent;
            }
            if (bytes != view.len()) {
                throw PyException.typeError("memoryview: product(shape) * itemsize != buffer size");
            }
        }
        View cast = view.withFormat(format).withLayout(itemsize, newShape.length, newShape, Contiguity.cStrides(newShape, itemsize));
        return new PyMemoryView(memory, mbuf, cast);
    }

    /** {@code m.toreadonly()}: a new memoryview on the same managed buffer that refuses writes. */
    public PyMemoryView toReadOnly() throws PyException {
        checkReleased();
        return new PyMemoryView(memory, mbuf, view.withReadonly(true));
    }

    /** {@code m.release()} ({@code _memory_release}): refused while the memoryview itself is exported. */
    public void release() throws PyException {
        if (released) {
            return;
        }
        if (exports == 0) {
            released = true;
            mbuf.unregister();
            return;
        }
        if (exports > 0) {
            throw PyException.bufferError("memoryview has " + exports + " exported buffer" + (exports == 1 ? "" : "s"));
        }
        throw new PyException("SystemError", "_memory_release(): negative export count");
    }

    /** {@code memory_getbuf}: the checks in CPython's order, then one more export. */
    @Override
    public View getBuffer(int flags) throws PyException {
        checkReleased();
        if (BufferProtocol.requestsWritable(flags) && view.readonly()) {
            throw PyException.bufferError("memoryview: underlying buffer is not writable");
        }
        String format = BufferProtocol.requestsFormat(flags) ? view.format() : null;
        if (BufferProtocol.requests(flags, BufferProtocol.C_CONTIGUOUS) && !cContiguous) {
            throw PyException.bufferError("memoryview: underlying buffer is not C-contiguous");
        }
        if (BufferProtocol.requests(flags, BufferProtocol.F_CONTIGUOUS) && !fContiguous) {
            throw PyException.bufferError("memoryview: underlying buffer is not Fortran contiguous");
        }
        if (BufferProtocol.requests(flags, BufferProtocol.ANY_CONTIGUOUS) && !cContiguous && !fContiguous) {
            throw PyException.bufferError("memoryview: underlying buffer is not contiguous");
        }
        int[] strides = view.strides();
        if (!BufferProtocol.requestsStrides(flags)) {
            if (!cContiguous) {
                throw PyException.bufferError("memoryview: underlying buffer is not C-contiguous");
            }
            strides = null;
        }
        int ndim = view.ndim();
        int[] shape = view.shape();
        if (!BufferProtocol.requestsShape(flags)) {
            if (format != null) {
                throw PyException.bufferError("memoryview: cannot cast to unsigned bytes if the format flag is present");
            }
            ndim = 1;
            shape = null;
        }
        exports++;
        // len and itemsize stay those of the full view: a simple request sees the same byte count.
        return new View(view.buf(), view.len(), view.readonly(), view.itemsize(), format, ndim, shape, strides, this);
    }

    @Override
    public void releaseBuffer(View released) {
        exports--;
    }

    /** {@code m.tobytes()}: the items in C order, read through the memory the view points at. */
    @Override
    public byte[] toBytes() throws PyException {
        checkReleased();
        int items = view.items();
        int itemsize = view.itemsize();
        if (cContiguous && items > 0) {   // item k is at buf + k * itemsize: one read
            return memory.read(view.buf(), items * itemsize);
        }
        byte[] out = new byte[items * itemsize];
        int[] shape = view.shape();
        int[] strides = view.strides();
        for (int k = 0; k < items; k++) {
            System.arraycopy(memory.read(itemAddress(k, shape, strides), itemsize), 0, out, k * itemsize, itemsize);
        }
        return out;
    }

    /** Stores byte {@code index} of the C-order content through the view. */
    @Override
    public void setByte(int index, byte value) throws PyException {
        checkReleased();
        if (view.readonly()) {
            throw PyException.typeError("cannot modify read-only memory");
        }
        if (index < 0 || index >= view.len()) {
            throw PyException.indexError("index out of bounds on dimension 1");
        }
        memory.write(itemAddress(index / view.itemsize(), view.shape(), view.strides()) + index % view.itemsize(),
                new byte[] {value});
    }

    /** Address of item {@code k} in C order: unravel k over the shape, then sum index times stride. */
    private long itemAddress(int k, int[] shape, int[] strides) {
        long address = view.buf();
        for (int d = shape.length - 1; d >= 0; d--) {
            address += (long) (k % shape[d]) * strides[d];
            k /= shape[d];
        }
        return address;
    }

    private boolean zeroInShape() {
        for (int extent : view.shape()) {
            if (extent == 0) {
                return true;
            }
        }
        return false;
    }

    private void checkReleased() throws PyException {
        if (isReleased()) {
            throw PyException.valueError(RELEASED);
        }
    }

    private static boolean isByteFormat(String format) {
        return format.equals("b") || format.equals("B") || format.equals("c");
    }

    /** {@code get_native_fmtchar}: the item size of a single-character native format, -1 otherwise. */
    private static int nativeItemSize(String format) {
        if (format.length() != 1 || (Typecodes.CAST_FORMATS + Typecodes.HALF_FLOAT_FORMAT).indexOf(format.charAt(0)) < 0) {
            return -1;
        }
        return Typecodes.itemSize(format.charAt(0));
    }
}
