package dev.oldbuffer.reference.memory;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.spi.MemoryAccessException;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * Fake process memory. Regions get distinct, aligned addresses with unmapped gaps between them, and
 * addresses are never reused, so a stale or out-of-range pointer is always caught: a read or write
 * outside a live region throws {@link MemoryAccessException} naming the address, never returns zeros.
 */
@API(status = INTERNAL, since = "0.1")
public final class AddressSpace {

    /** Where the first region starts: looks like a heap address on x86-64 Linux. */
    public static final long FIRST_ADDRESS = 0x7f0000001000L;
    /** Every region starts on this boundary, like malloc's. */
    public static final int ALIGNMENT = 16;
    /** Unmapped bytes after every region, so that reading one byte too far hits nothing. */
    public static final int GAP = 64;

    // Freed regions stay in the map (marked dead) so that a message can say what the address used to be.
    private final TreeMap<Long, Region> regions = new TreeMap<>();
    private long next = FIRST_ADDRESS;

    /** Allocates a region holding a copy of {@code initial}; zero-length regions get an address too. */
    public Region allocate(byte[] initial, boolean readOnly, String owner) {
        Region region = new Region(next, initial, readOnly, owner);
        regions.put(next, region);
        next = align(next + Math.max(1, initial.length) + GAP);
        return region;
    }

    /** Allocates a writable, zero-filled region of any size (an anonymous map): only pages written to take memory. */
    public Region allocateSparse(long size, String owner) {
        Region region = new Region(next, size, owner);
        regions.put(next, region);
        next = align(next + Math.max(1, size) + GAP);
        return region;
    }

    public void free(Region region) {
        region.kill();
    }

    /**
     * Frees every region and forgets them (the runtime was reset). Addresses are still never reused, so a
     * pointer from before stays invalid; only the message no longer names what it pointed to.
     */
    public void freeAll() {
        regions.values().forEach(Region::kill);
        regions.clear();
    }

    /**
     * Reads through a C pointer. A zero-length access touches no memory and always succeeds: an empty view
     * may legitimately point just outside its object (CPython's {@code m[::-1]} of an empty 2-D view does).
     */
    public byte[] read(long address, int length) {
        if (length == 0) {
            return new byte[0];
        }
        Region region = locate("read", address, length);
        return region.load(address - region.base(), length);
    }

    /** Writes through a C pointer; read-only storage refuses. */
    public void write(long address, byte[] data) {
        if (data.length == 0) {
            return;
        }
        Region region = locate("write", address, data.length);
        if (region.readOnly()) {
            throw new MemoryAccessException("write to read-only memory at " + hex(address) + " (" + region.owner() + ")");
        }
        region.store(address - region.base(), data);
    }

    /** Number of regions still live: lets tests see that storage was freed. */
    public long liveRegions() {
        return regions.values().stream().filter(Region::live).count();
    }

    private Region locate(String access, long address, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        Map.Entry<Long, Region> entry = regions.floorEntry(address);
        if (entry == null || address > entry.getValue().base() + entry.getValue().size()) {
            throw new MemoryAccessException(what(access, address, length)
                    + ": not inside any live buffer (never allocated, or freed before the last reset)");
        }
        Region region = entry.getValue();
        if (!region.live()) {
            throw new MemoryAccessException(what(access, address, length) + ": that memory was freed (it was " + region + ")");
        }
        if (!region.covers(address, length)) {
            throw new MemoryAccessException(what(access, address, length) + ": runs past the end of " + region);
        }
        return region;
    }

    /** The access a refusal names; made only for a refusal (every read and write of a run passes through locate). */
    private static String what(String access, long address, int length) {
        return access + " of " + length + " byte" + (length == 1 ? "" : "s") + " at " + hex(address);
    }

    private static long align(long address) {
        return (address + ALIGNMENT - 1) & -ALIGNMENT;
    }

    public static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }
}
