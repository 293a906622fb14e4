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
    private final int size;
    private byte[] bytes;
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

    public long base() {
        return base;
    }

    public int size() {
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

    public byte[] load(int offset, int length) {
        checkLive();
        byte[] out = new byte[length];
        System.arraycopy(bytes, offset, out, 0, length);
        return out;
    }

    public byte[] loadAll() {
        return load(0, size);
    }

    public void store(int offset, byte[] data) {
        checkLive();
        System.arraycopy(data, 0, bytes, offset, data.length);
    }

    /** True when {@code [address, address + length)} lies inside this region. */
    boolean covers(long address, int length) {
        return address >= base && address + length <= base + size;
    }

    void kill() {
        live = false;
        bytes = null; // a freed region only serves messages; long runs free many
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
