package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.reference.memory.AddressSpace;
import dev.oldbuffer.reference.memory.Region;
import dev.oldbuffer.spi.ExportCounts;
import dev.oldbuffer.spi.ExporterSpec;
import org.apiguardian.api.API;

/**
 * The kit's configurable exporter ({@link ExporterSpec}): serves its data, possibly strided, possibly
 * read-only, possibly refusing every request, and counts what it is asked.
 */
@API(status = INTERNAL, since = "0.1")
public final class ConfigurableExporter implements BufferExporter {

    public static final String REFUSAL = "exporter refused";

    private final ExporterSpec spec;
    private final Region storage;
    private int acquires;
    private int releases;
    private int lastFlags = -1;

    public ConfigurableExporter(AddressSpace memory, ExporterSpec spec) {
        this.spec = spec;
        this.storage = memory.allocate(layOut(spec), spec.readOnly(), spec.describe() + " storage");
    }

    /** Byte i of the data goes to storage[i * step]; the bytes in between stay zero. */
    private static byte[] layOut(ExporterSpec spec) {
        byte[] data = spec.data();
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
        if (BufferProtocol.requestsWritable(flags) && spec.readOnly()) {
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
