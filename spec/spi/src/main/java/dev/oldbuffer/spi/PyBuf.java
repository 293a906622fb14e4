package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** The request flags of the buffer protocol (Include/pybuffer.h), as exporters see them. */
@API(status = STABLE, since = "0.1")
public final class PyBuf {
    public static final int SIMPLE = 0;
    public static final int WRITABLE = 0x0001;
    public static final int FORMAT = 0x0004;
    public static final int ND = 0x0008;
    public static final int STRIDES = 0x0010 | ND;
    public static final int INDIRECT = 0x0100 | STRIDES;
    /** {@code PyBUF_FULL_RO}: every field, read-only allowed (what {@code memoryview(obj)} asks for). */
    public static final int FULL_RO = INDIRECT | FORMAT;
    /** {@code PyMemoryView_FromMemory}'s flag for read-only memory (not a request flag). */
    public static final int READ = 0x100;
    /** {@code PyMemoryView_FromMemory}'s flag for writable memory (not a request flag). */
    public static final int WRITE = 0x200;

    private PyBuf() {
    }
}
