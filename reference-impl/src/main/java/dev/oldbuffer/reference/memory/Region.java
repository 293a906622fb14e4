package dev.oldbuffer.reference.memory;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * One allocation in an {@link AddressSpace}: {@code size} bytes at {@code base}, owned by one object.
 * The owner reads and writes its own bytes with {@link #load} and {@link #store} (no read-only check: an
 * object may fill its own storage); foreign access goes through {@link AddressSpace#read}/{@link AddressSpace#write}.
 */
@API(status = INTERNAL, since = "0.1")
public final class Region {

    private final long base;
    /** Sparse regions keep only the pages written to; the rest reads as zeros, like untouched anonymous memory. */
    static final int PAGE = 4096;

    private final long size;
    private byte[] bytes;
    private java.util.Map<Long, byte[]> pages;
    private final boolean readOnly;
    private final String owner;
    private boolean live = true;

    Region(long base, byte[] initial, boolean readOnly, String owner) {
        this.base = base;
        this.bytes = initial.clone();
        this.size = initial.length;
        this.readOnly = readOnly;
        this.owner = owner;
    }

    /** A zero-filled region of {@code size} bytes, any size, that stores only the pages written to. */
    Region(long base, long size, String owner) {
        this.base = base;
        this.pages = new java.util.HashMap<>();
        this.size = size;
        this.readOnly = false;
        this.owner = owner;
    }

    public long base() {
        return base;
    }

    public long size() {
        return size;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public boolean live() {
        return live;
    }

    /** Who owns it, for messages: e.g. {@code bytearray storage}. */
    public String owner() {
        return owner;
    }

    public byte[] load(long offset, int length) {
        checkLive();
        byte[] out = new byte[length];
        if (pages == null) {
            System.arraycopy(bytes, (int) offset, out, 0, length);
            return out;
        }
        for (int i = 0; i < length; i++) {
            byte[] page = pages.get((offset + i) / PAGE);
            out[i] = page == null ? 0 : page[(int) ((offset + i) % PAGE)];
        }
        return out;
    }

    /** Every byte of a dense region. */
    public byte[] loadAll() {
        if (pages != null) {
            throw new IllegalStateException(this + " is sparse: load a range of it");
        }
        return load(0, (int) size);
    }

    public void store(long offset, byte[] data) {
        checkLive();
        if (pages == null) {
            System.arraycopy(data, 0, bytes, (int) offset, data.length);
            return;
        }
        for (int i = 0; i < data.length; i++) {
            pages.computeIfAbsent((offset + i) / PAGE, p -> new byte[PAGE])[(int) ((offset + i) % PAGE)] = data[i];
        }
    }

    /** True when {@code [address, address + length)} lies inside this region. */
    boolean covers(long address, int length) {
        return address >= base && address + length <= base + size;
    }

    void kill() {
        live = false;
        bytes = null; // a freed region only serves messages; long runs free many
        pages = null;
    }

    private void checkLive() {
        if (!live) {
            // The owner itself touching freed storage is a bug in the model, not in the implementation under test.
            throw new IllegalStateException(owner + " at " + AddressSpace.hex(base) + " was already freed");
        }
    }

    @Override
    public String toString() {
        return owner + " at " + AddressSpace.hex(base) + " (" + size + " bytes" + (live ? "" : ", freed") + ")";
    }
}
