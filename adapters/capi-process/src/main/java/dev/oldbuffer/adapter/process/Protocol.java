package dev.oldbuffer.adapter.process;

import dev.oldbuffer.spi.ExporterSpec;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.ObjRef;
import dev.oldbuffer.spi.OutSlots;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * The wire format shared with {@code oldbuffer_driver.py}; its codes are {@link Wire}'s, which the driver gets as a
 * generated module.
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

    private Protocol() {
    }

    /** Bytes before a frame's body: its length and number. */
    static final int HEADER = 8;

    /** A reusable request under construction; starts with room for the length prefix and the number. */
    static final class Request {
        private byte[] bytes = new byte[256];
        private int size;

        Request start(Wire.Op op) {
            size = HEADER;
            return u8(op.code);
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
     * Appends a fixture recipe: its {@link Wire.Tag}, then its fields, nested recipes first.
     *
     * @param objectNumber the driver's number of an {@link Fixture.Existing} object
     */
    static void encode(Fixture f, Request r, ToLongFunction<ObjRef> objectNumber) {
        f.accept(new Fixture.Visitor<Void>() {
            @Override public Void bytes(Fixture.Bytes b) { tag(Wire.Tag.BYTES).raw(b.data()); return null; }
            @Override public Void byteArray(Fixture.ByteArray b) { tag(Wire.Tag.BYTEARRAY).raw(b.data()); return null; }
            @Override public Void arrayOf(Fixture.ArrayOf a) { tag(Wire.Tag.ARRAY).u8(a.typecode()).raw(a.raw()); return null; }
            @Override public Void memoryView(Fixture.MemoryView m) { return nested(Wire.Tag.MEMORYVIEW, m.base()); }
            @Override public Void sliced(Fixture.Sliced s) {
                nested(Wire.Tag.SLICED, s.view());
                r.u8(s.start() == null ? 0 : 1).i64(s.start() == null ? 0 : s.start())
                 .u8(s.stop() == null ? 0 : 1).i64(s.stop() == null ? 0 : s.stop())
                 .i64(s.step());
                return null;
            }
            @Override public Void cast(Fixture.Cast c) {
                nested(Wire.Tag.CAST, c.view());
                r.text(c.format()).u32(c.shape().length);
                for (int dim : c.shape()) {
                    r.i64(dim);
                }
                return null;
            }
            @Override public Void readOnly(Fixture.ReadOnly o) { return nested(Wire.Tag.READONLY, o.view()); }
            @Override public Void released(Fixture.Released l) { return nested(Wire.Tag.RELEASED, l.view()); }
            @Override public Void str(Fixture.Str s) { tag(Wire.Tag.STR).text(s.text()); return null; }
            @Override public Void integer(Fixture.Int i) { tag(Wire.Tag.INT).i64(i.value()); return null; }
            @Override public Void none(Fixture.NoneObject n) { tag(Wire.Tag.NONE); return null; }
            @Override public Void exporter(Fixture.Exporter e) {
                ExporterSpec spec = e.spec();
                tag(Wire.Tag.EXPORTER).u8(spec.readOnly() ? 1 : 0).u32(spec.step())
                        .text(spec.failWith() == null ? "" : spec.failWith()).raw(spec.data()).u8(spec.rule().ordinal());
                return null;
            }
            @Override public Void subclass(Fixture.Subclass s) { return nested(Wire.Tag.SUBCLASS, s.base()); }
            @Override public Void mmap(Fixture.Mmap m) {
                tag(Wire.Tag.MMAP).u8(m.access().ordinal()).u8(m.fileBacked() ? 1 : 0).u8(m.closed() ? 1 : 0).u32(m.length())
                        .raw(m.data());
                return null;
            }
            /** The mode by name, so that the driver can refuse one it does not know. */
            @Override public Void pythonExporter(Fixture.PythonExporter p) {
                tag(Wire.Tag.PYTHON_EXPORTER).text(p.mode().name());
                p.base().accept(this);
                return null;
            }
            @Override public Void largeMap(Fixture.LargeMap m) {
                tag(Wire.Tag.LARGE_MAP).i64(m.length());
                return null;
            }
            @Override public Void bufferOverride(Fixture.BufferOverride b) {
                tag(Wire.Tag.BUFFER_OVERRIDE).raw(b.data());
                return null;
            }
            @Override public Void cMemory(Fixture.CMemory c) {
                tag(Wire.Tag.C_MEMORY).u8(c.writable() ? 1 : 0).raw(c.data());
                return null;
            }
            @Override public Void ctypes(Fixture.Ctypes c) {
                tag(Wire.Tag.CTYPES).text(c.type().name()).raw(c.raw());
                return null;
            }
            @Override public Void existing(Fixture.Existing x) {
                tag(Wire.Tag.EXISTING).u32(objectNumber.applyAsLong(x.object()));
                return null;
            }

            private Request tag(Wire.Tag tag) {
                return r.u8(tag.letter);
            }

            private Void nested(Wire.Tag tag, Fixture inner) {
                tag(tag);
                inner.accept(this);
                return null;
            }
        });
    }

    /**
     * Appends a call's fixed arguments, {@link Wire#CALL_ARGS}: function, mode (which arguments are NULL), object, slots;
     * {@code withMemory} (single calls only) asks for the bytes at the returned address ({@link Wire#WITH_MEMORY}).
     */
    static void encodeCall(Request r, Function function, boolean nullObject, long objectNumber, OutSlots slots, boolean withMemory) {
        int mode = (nullObject ? Wire.NULL_OBJECT : 0) | (slots.bufferIsNull() ? Wire.NULL_BUFFER : 0)
                | (slots.lengthIsNull() ? Wire.NULL_LENGTH : 0) | (withMemory ? Wire.WITH_MEMORY : 0);
        r.u8(Wire.code(function)).u8(mode).u32(objectNumber).i64(slots.bufferInitial()).i64(slots.lengthInitial());
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
