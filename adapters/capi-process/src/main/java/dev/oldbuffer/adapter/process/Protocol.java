package dev.oldbuffer.adapter.process;

import dev.oldbuffer.spi.ExporterSpec;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.ObjRef;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * The wire format shared with {@code oldbuffer_driver.py} (keep the two in sync).
 *
 * <p>Big-endian frames: a request is {@code u32 length, u32 number, u8 op, payload}; a response is
 * {@code u32 length, u32 number, u8 status, payload}, where {@code length} counts the bytes after the number
 * and the response echoes its request's number (the unsolicited greeting is number 0), so that neither side
 * can pair a request with another one's answer. Strings and byte strings are {@code u32 length + bytes}.
 * A call is 22 fixed bytes ({@code u8 function, u8 mode, u32 handle, i64 buffer initial, i64 length initial})
 * and its result 21 bytes ({@code i32 rc, i64 buffer, i64 length, u8 error follows}) plus, when an error is
 * set, its type and message: no parsing beyond {@code struct.unpack} on either side.
 */
final class Protocol {

    static final int HELLO = 1, CREATE = 2, CALL = 3, CALL_BATCH = 4, SET_ERROR = 5, FETCH_ERROR = 6, READ = 7,
            WRITE = 8, CONTENTS = 9, SET_ITEM = 10, TRY_RESIZE = 11, TRY_RELEASE = 12, EXPORT_COUNTS = 13,
            RESET = 14, SLEEP = 15, CRASH = 16, DESYNC = 17;

    /** Modes of the test hook {@link #DESYNC}. */
    static final int SWALLOW_NEXT = 0, ANSWER_TWICE = 1, STOP_READING = 2;

    static final int OK = 0, ILLEGAL_ARGUMENT = 1, UNSUPPORTED = 2, MEMORY_ACCESS = 3, INTERNAL = 4, UNAVAILABLE = 5;

    /** Bits of a call's mode byte: which arguments are C NULL. */
    static final int NULL_OBJECT = 1, NULL_BUFFER = 2, NULL_LENGTH = 4;

    /** Calls per batch frame: bounds the frame size and the time one frame may take. */
    static final int MAX_BATCH = 4096;

    private Protocol() {
    }

    /** Bytes before a frame's body: its length and number. */
    static final int HEADER = 8;

    /** A reusable request under construction; starts with room for the length prefix and the number. */
    static final class Request {
        private byte[] bytes = new byte[256];
        private int size;

        Request start(int op) {
            size = HEADER;
            return u8(op);
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        Request u8(int v) {
            ensure(1);
            bytes[size++] = (byte) v;
            return this;
        }

        Request u32(long v) {
            ensure(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (v >>> shift);
            }
            return this;
        }

        Request i64(long v) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (v >>> shift);
            }
            return this;
        }

        Request f64(double v) {
            return i64(Double.doubleToLongBits(v));
        }

        Request raw(byte[] data) {
            u32(data.length);
            ensure(data.length);
            System.arraycopy(data, 0, bytes, size, data.length);
            size += data.length;
            return this;
        }

        Request text(String s) {
            return raw(s.getBytes(StandardCharsets.UTF_8));
        }

        /** The finished frame, numbered {@code number} (header filled in); {@link #size()} bytes of it count. */
        byte[] frame(int number) {
            put32(0, size - HEADER);
            put32(4, number);
            return bytes;
        }

        private void put32(int at, int v) {
            bytes[at] = (byte) (v >>> 24);
            bytes[at + 1] = (byte) (v >>> 16);
            bytes[at + 2] = (byte) (v >>> 8);
            bytes[at + 3] = (byte) v;
        }

        int size() {
            return size;
        }
    }

    /**
     * Appends a fixture recipe: a tag letter, then its fields, nested recipes first.
     *
     * @param objectNumber the driver's number of an {@link Fixture.Existing} object
     */
    static void encode(Fixture f, Request r, ToLongFunction<ObjRef> objectNumber) {
        if (f instanceof Fixture.Bytes b) {
            r.u8('B').raw(b.data());
        } else if (f instanceof Fixture.ByteArray b) {
            r.u8('A').raw(b.data());
        } else if (f instanceof Fixture.ArrayOf a) {
            r.u8('R').u8(a.typecode()).raw(a.raw());
        } else if (f instanceof Fixture.MemoryView m) {
            encode(m.base(), r.u8('M'), objectNumber);
        } else if (f instanceof Fixture.Sliced s) {
            encode(s.view(), r.u8('S'), objectNumber);
            r.u8(s.start() == null ? 0 : 1).i64(s.start() == null ? 0 : s.start())
             .u8(s.stop() == null ? 0 : 1).i64(s.stop() == null ? 0 : s.stop())
             .i64(s.step());
        } else if (f instanceof Fixture.Cast c) {
            encode(c.view(), r.u8('C'), objectNumber);
            r.text(c.format()).u32(c.shape().length);
            for (int dim : c.shape()) {
                r.i64(dim);
            }
        } else if (f instanceof Fixture.ReadOnly o) {
            encode(o.view(), r.u8('O'), objectNumber);
        } else if (f instanceof Fixture.Released l) {
            encode(l.view(), r.u8('L'), objectNumber);
        } else if (f instanceof Fixture.Str s) {
            r.u8('T').text(s.text());
        } else if (f instanceof Fixture.Int i) {
            r.u8('I').i64(i.value());
        } else if (f instanceof Fixture.NoneObject) {
            r.u8('N');
        } else if (f instanceof Fixture.Exporter e) {
            ExporterSpec spec = e.spec();
            r.u8('E').u8(spec.readOnly() ? 1 : 0).u32(spec.step())
             .text(spec.failWith() == null ? "" : spec.failWith()).raw(spec.data());
        } else if (f instanceof Fixture.Existing x) {
            r.u8('X').u32(objectNumber.applyAsLong(x.object()));
        } else {
            throw new IllegalArgumentException("unknown fixture " + f);
        }
    }

    /** Reads the fields of a response payload. */
    static final class Response {
        final int status;
        final ByteBuffer in;

        Response(int status, ByteBuffer in) {
            this.status = status;
            this.in = in;
        }

        int u8() {
            return in.get() & 0xff;
        }

        byte[] raw() {
            byte[] data = new byte[in.getInt()];
            in.get(data);
            return data;
        }

        String text() {
            return new String(raw(), StandardCharsets.UTF_8);
        }
    }
}
