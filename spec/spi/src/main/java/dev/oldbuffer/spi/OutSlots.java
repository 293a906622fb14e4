package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * How a call passes its two out-parameters ({@code buffer} and {@code buffer_len}): each is either
 * C NULL or a pointer to a slot that holds an initial (sentinel) value before the call, so that the kit
 * can tell "written" from "left untouched".
 */
@API(status = STABLE, since = "0.1")
public record OutSlots(boolean bufferIsNull, long bufferInitial, boolean lengthIsNull, long lengthInitial) {

    /** A recognisable pointer value no allocator returns: 0x5EA1ED0FF5E7 ("sealed offset"). */
    public static final long BUFFER_SENTINEL = 0x5EA1ED0FF5E7L;
    /** A length no buffer has. */
    public static final long LENGTH_SENTINEL = -7777;

    /** Both slots present, both holding the sentinels. */
    public static OutSlots sentinels() {
        return new OutSlots(false, BUFFER_SENTINEL, false, LENGTH_SENTINEL);
    }

    /** {@code buffer} is NULL, {@code buffer_len} a sentinel slot. */
    public static OutSlots nullBuffer() {
        return new OutSlots(true, 0, false, LENGTH_SENTINEL);
    }

    /** {@code buffer} a sentinel slot, {@code buffer_len} NULL. */
    public static OutSlots nullLength() {
        return new OutSlots(false, BUFFER_SENTINEL, true, 0);
    }

    @Override
    public String toString() {
        return "(buffer=" + (bufferIsNull ? "NULL" : "&0x" + Long.toHexString(bufferInitial))
                + ", buffer_len=" + (lengthIsNull ? "NULL" : "&" + lengthInitial) + ")";
    }
}
