package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.reference.memory.AddressSpace;
import dev.oldbuffer.reference.memory.Region;
import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * {@code mmap.mmap}, as Modules/mmapmodule.c exports it: {@code PyBuffer_FillInfo} over the mapping, read-only for
 * ACCESS_READ, an export counter that stops {@code close()} and {@code resize()}, a closed map refusing every request.
 * A file-backed map keeps the file's bytes apart from the mapping: ACCESS_WRITE writes them back on {@code flush()},
 * ACCESS_COPY never does.
 */
@API(status = INTERNAL, since = "0.2")
public final class PyMmap implements BufferExporter {

    /** How the map was opened. */
    public enum Access { WRITE, READ, COPY }

    private final AddressSpace memory;
    private final Access access;
    private final boolean fileBacked;
    private Region mapping;
    private byte[] file;
    private int exports;
    private boolean closed;

    public PyMmap(AddressSpace memory, byte[] contents, Access access, boolean fileBacked) {
        this.memory = memory;
        this.access = access;
        this.fileBacked = fileBacked;
        this.mapping = memory.allocate(contents, access == Access.READ, "mmap");
        this.file = fileBacked ? contents.clone() : null;
    }

    @Override
    public String typeName() {
        return "mmap.mmap";
    }

    @Override
    public View getBuffer(int flags) throws PyException {
        checkValid();
        View view = BufferProtocol.fillInfo(this, mapping.base(), Math.toIntExact(mapping.size()), access == Access.READ, flags);
        exports++;
        return view;
    }

    @Override
    public void releaseBuffer(View view) {
        exports--;
    }

    /** {@code close()}: refused while exported. */
    public void close() throws PyException {
        if (exports > 0) {
            throw PyException.bufferError("cannot close exported pointers exist");
        }
        if (!closed) {
            flush();
            memory.free(mapping);
            closed = true;
        }
    }

    /** {@code resize(n)}: refused while exported; only a file-backed ACCESS_WRITE map resizes (file and mapping). */
    public void resize(int size) throws PyException {
        checkValid();
        if (exports > 0) {
            throw PyException.bufferError("mmap can't resize with extant buffers exported.");
        }
        if (!fileBacked || access != Access.WRITE) {
            throw PyException.typeError("mmap can't resize a readonly or copy-on-write memory map.");
        }
        Region moved = memory.allocate(Arrays.copyOf(mapping.loadAll(), size), false, "mmap");
        memory.free(mapping);
        mapping = moved;
        file = Arrays.copyOf(file, size);
    }

    /** Grows the map by one byte and shrinks it back; false when refused because it is exported. */
    public boolean tryGrowAndShrink() throws PyException {
        int size = Math.toIntExact(mapping.size());
        try {
            resize(size + 1);
            resize(size);
            return true;
        } catch (PyException e) {
            if (e.type().equals("BufferError")) {
                return false;
            }
            throw e;
        }
    }

    /** What the file holds after {@code flush()}: for ACCESS_WRITE the mapping's bytes, otherwise what it held. */
    public byte[] fileContents() throws PyException {
        if (!fileBacked) {
            throw PyException.typeError("an anonymous mmap has no file");
        }
        flush();
        return file.clone();
    }

    private void flush() {
        if (fileBacked && access == Access.WRITE && !closed) {
            file = mapping.loadAll();
        }
    }

    @Override
    public byte[] toBytes() throws PyException {
        checkValid();
        return mapping.loadAll();
    }

    @Override
    public void setByte(int index, byte value) throws PyException {
        checkValid();
        if (access == Access.READ) {
            throw PyException.typeError("mmap can't modify a readonly memory map.");
        }
        if (index < 0 || index >= mapping.size()) {
            throw PyException.indexError("mmap index out of range");
        }
        mapping.store(index, new byte[] {value});
    }

    private void checkValid() throws PyException {
        if (closed) {
            throw PyException.valueError("mmap closed or invalid");
        }
    }
}
