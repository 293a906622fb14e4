package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.reference.memory.AddressSpace;
import dev.oldbuffer.reference.memory.Region;
import dev.oldbuffer.spi.ExportCounts;
import dev.oldbuffer.spi.ExporterSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apiguardian.api.API;

/**
 * The kit's configurable exporter ({@link ExporterSpec}): serves its data, possibly strided, possibly
 * read-only, possibly refusing every request, possibly breaking a rule of the protocol, and counts what it is asked.
 */
@API(status = INTERNAL, since = "0.1")
public final class ConfigurableExporter implements BufferExporter {

    public static final String REFUSAL = "exporter refused";

    /** Bytes per pointer in an indirect view's table: the model is a 64-bit little-endian machine, as the build's runtimes are. */
    public static final int POINTER_SIZE = 8;

    private final ExporterSpec spec;
    private final Region storage;
    /** For INDIRECT_ANYWAY: one pointer per byte of the storage, else null. */
    private final Region pointerTable;
    private int acquires;
    private int releases;
    private int lastFlags = -1;

    public ConfigurableExporter(AddressSpace memory, ExporterSpec spec) {
        this.spec = spec;
        // WRITABLE_ANYWAY claims read-only memory it does not have: a C exporter's heap block is writable
        boolean memoryReadOnly = spec.readOnly() && spec.rule() != ExporterSpec.RuleBreak.WRITABLE_ANYWAY;
        this.storage = memory.allocate(layOut(spec), memoryReadOnly, spec.describe() + " storage");
        this.pointerTable = spec.rule() == ExporterSpec.RuleBreak.INDIRECT_ANYWAY
                ? memory.allocate(pointers(storage.base(), spec.data().length), true, spec.describe() + " pointer table")
                : null;
    }

    private static byte[] pointers(long base, int n) {
        ByteBuffer table = ByteBuffer.allocate(n * POINTER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            table.putLong(base + i);
        }
        return table.array();
    }

    /** Byte i of the data goes to storage[i * step]; the bytes in between stay zero. */
    private static byte[] layOut(ExporterSpec spec) {
        byte[] data = spec.data();   // a copy: with a step of 1 it is the storage
        if (spec.step() == 1) {
            return data;
        }
        byte[] storage = new byte[data.length * spec.step()];
        for (int i = 0; i < data.length; i++) {
            storage[i * spec.step()] = data[i];
        }
        return storage;
    }

    @Override
    public String typeName() {
        return "Exporter";
    }

    public ExportCounts counts() {
        return new ExportCounts(acquires, releases, lastFlags);
    }

    public long address() {
        return storage.base();
    }

    @Override
    public View getBuffer(int flags) throws PyException {
        lastFlags = flags;
        if (spec.failWith() != null) {
            throw new PyException(spec.failWith(), REFUSAL);
        }
        if (spec.rule() != ExporterSpec.RuleBreak.NONE && spec.rule() != ExporterSpec.RuleBreak.WRITABLE_ANYWAY) {
            View broken = brokenView();
            acquires++;
            return broken;
        }
        if (BufferProtocol.requestsWritable(flags) && spec.readOnly() && spec.rule() != ExporterSpec.RuleBreak.WRITABLE_ANYWAY) {
            throw PyException.bufferError("Object is not writable.");
        }
        if (spec.step() > 1 && !BufferProtocol.requestsStrides(flags)) {
            throw PyException.bufferError("exporter: the data has a stride of " + spec.step()
                    + " bytes and the request did not ask for strides");
        }
        int n = spec.data().length;
        View view = new View(storage.base(), n, spec.readOnly(), 1, BufferProtocol.requestsFormat(flags) ? "B" : null, 1,
                BufferProtocol.requestsShape(flags) ? new int[] {n} : null,
                BufferProtocol.requestsStrides(flags) ? new int[] {spec.step()} : null, this);
        acquires++;
        return view;
    }

    /** The view a rule-breaking exporter hands to every request, whatever it asked for. */
    private View brokenView() throws PyException {
        int n = spec.data().length;
        boolean ro = spec.readOnly();
        return switch (spec.rule()) {
            case FAILS_SILENTLY -> throw PyException.silent();
            case STRIDED_ANYWAY -> new View(storage.base(), n, ro, 1, "B", 1, new int[] {n}, new int[] {spec.step()}, this);
            case INDIRECT_ANYWAY -> new View(pointerTable.base(), n, ro, 1, "B", 1, new int[] {n}, new int[] {POINTER_SIZE},
                    this, new int[] {0});
            case FORTRAN_ORDER -> new View(storage.base(), n, ro, 1, "B", 2, new int[] {2, n / 2}, new int[] {1, 2}, this);
            case TWO_DIMENSIONAL -> new View(storage.base(), n, ro, 1, "B", 2, new int[] {2, n / 2}, new int[] {n / 2, 1}, this);
            case ZERO_DIMENSIONAL -> new View(storage.base(), n, ro, n, n + "s", 0, new int[0], new int[0], this);
            case NONE, WRITABLE_ANYWAY -> throw new IllegalStateException(spec.rule() + " hands out a well-formed view");
        };
    }

    @Override
    public void releaseBuffer(View view) {
        releases++;
    }

    /** The logical data: every step-th byte of the storage, so writes through a pointer show. */
    @Override
    public byte[] toBytes() {
        byte[] raw = storage.loadAll();
        byte[] out = new byte[raw.length / spec.step()];
        for (int i = 0; i < out.length; i++) {
            out[i] = raw[i * spec.step()];
        }
        return out;
    }

    @Override
    public void setByte(int index, byte value) throws PyException {
        if (spec.readOnly()) {
            throw PyException.typeError("cannot modify read-only memory");
        }
        if (index < 0 || index >= spec.data().length) {
            throw PyException.indexError("index out of range");
        }
        storage.store(index * spec.step(), new byte[] {value});
    }
}
