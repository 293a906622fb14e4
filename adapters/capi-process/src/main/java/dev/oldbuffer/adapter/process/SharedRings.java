package dev.oldbuffer.adapter.process;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The driver's requests and answers as two byte streams in a file both processes map (the C probe's {@code ring_open}):
 * while both sides wait on a CPU, a message crosses without a system call, where the pipe took four. Each ring has a
 * 64-byte head (bytes ever written, bytes ever read, whether its reader sleeps, whether its writer sleeps, its capacity)
 * and its bytes. A side that has waited long enough sleeps reading its pipe, after raising its flag; the other side,
 * seeing the flag after it moved the stream, writes a byte to that pipe, and the sleeper looks again (a stale byte only
 * makes it look once more). The pipes stay the processes' own: the driver's stdout ends when it dies, which is how a
 * read here sees a crash, and closing its stdin ends the driver.
 */
final class SharedRings {

    /** As a pipe's buffer: a driver that stops reading fills it as soon, and blocks its writer as a full pipe does. */
    static final int CAPACITY = 1 << 16;
    private static final int HEAD = 64;
    private static final int WRITTEN = 0;
    private static final int READ = 8;
    private static final int READER_SLEEPS = 16;
    private static final int WRITER_SLEEPS = 20;
    private static final int SIZE = 24;
    private static final int REQUESTS = 0;
    private static final int ANSWERS = HEAD + CAPACITY;
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final Path file;
    private final MappedByteBuffer map;
    private InputStream wakeUps;
    private OutputStream wakeDriver;

    private SharedRings(Path file, MappedByteBuffer map) {
        this.file = file;
        this.map = map;
    }

    /** A new file of two empty rings, for the driver to map. */
    static SharedRings create() throws IOException {
        Path file = Files.createTempFile("oldbuffer-rings-", ".bin");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, 2L * (HEAD + CAPACITY));
            map.order(ByteOrder.nativeOrder());
            map.putInt(REQUESTS + SIZE, CAPACITY);
            map.putInt(ANSWERS + SIZE, CAPACITY);
            return new SharedRings(file, map);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    Path file() {
        return file;
    }

    /**
     * The streams of a driver that said it maps the rings: reads of {@code answers} sleep on {@code driverStdout},
     * writes wake the driver through {@code driverStdin}.
     */
    void attach(InputStream driverStdout, OutputStream driverStdin) {
        this.wakeUps = driverStdout;
        this.wakeDriver = driverStdin;
    }

    InputStream answers() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                long at = (long) LONG.getVolatile(map, ANSWERS + READ);
                while ((long) LONG.getVolatile(map, ANSWERS + WRITTEN) == at) {
                    if (!sleepUntil(() -> (long) LONG.getVolatile(map, ANSWERS + WRITTEN) != at, ANSWERS + READER_SLEEPS)) {
                        return -1;   // the driver is gone
                    }
                }
                int n = (int) Math.min(len, (long) LONG.getVolatile(map, ANSWERS + WRITTEN) - at);
                copy(ANSWERS, at, b, off, n, true);
                LONG.setVolatile(map, ANSWERS + READ, at + n);
                if ((int) INT.getVolatile(map, ANSWERS + WRITER_SLEEPS) != 0) {
                    wake();
                }
                return n;
            }

            @Override
            public int available() {
                return (int) Math.min(Integer.MAX_VALUE,
                        (long) LONG.getVolatile(map, ANSWERS + WRITTEN) - (long) LONG.getVolatile(map, ANSWERS + READ));
            }

            @Override
            public void close() throws IOException {
                wakeUps.close();
            }
        };
    }

    OutputStream requests() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                while (len > 0) {
                    long at = (long) LONG.getVolatile(map, REQUESTS + WRITTEN);
                    if (at - (long) LONG.getVolatile(map, REQUESTS + READ) == CAPACITY
                            && !sleepUntil(() -> at - (long) LONG.getVolatile(map, REQUESTS + READ) < CAPACITY, REQUESTS + WRITER_SLEEPS)) {
                        throw new EOFException("the driver is gone");
                    }
                    int n = (int) Math.min(len, CAPACITY - (at - (long) LONG.getVolatile(map, REQUESTS + READ)));
                    copy(REQUESTS, at, b, off, n, false);
                    LONG.setVolatile(map, REQUESTS + WRITTEN, at + n);
                    if ((int) INT.getVolatile(map, REQUESTS + READER_SLEEPS) != 0) {
                        wake();
                    }
                    off += n;
                    len -= n;
                }
            }

            /** Ends the driver: it exits at the end of its stdin. */
            @Override
            public void close() throws IOException {
                wakeDriver.close();
            }
        };
    }

    /** Copies n bytes between a ring at stream position {@code at} and {@code b}, around the ring's end. */
    private void copy(int ring, long at, byte[] b, int off, int n, boolean out) {
        int from = (int) (at % CAPACITY);
        int first = Math.min(n, CAPACITY - from);
        if (out) {
            map.get(ring + HEAD + from, b, off, first);
            map.get(ring + HEAD, b, off + first, n - first);
        } else {
            map.put(ring + HEAD + from, b, off, first);
            map.put(ring + HEAD, b, off + first, n - first);
        }
    }

    /** Sleeps on the driver's stdout until {@code done}, with {@code flag} raised; false when the driver's stdout ended. */
    private boolean sleepUntil(java.util.function.BooleanSupplier done, int flag) throws IOException {
        byte[] buf = new byte[64];
        try {
            while (true) {
                INT.setVolatile(map, flag, 1);
                if (done.getAsBoolean()) {
                    return true;
                }
                if (wakeUps.read(buf) < 0) {
                    return false;
                }
            }
        } finally {
            INT.setVolatile(map, flag, 0);
        }
    }

    private void wake() throws IOException {
        wakeDriver.write(1);
        wakeDriver.flush();
    }
}
