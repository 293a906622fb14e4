package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What one call of a function did, as C code would see it right after the call returned.
 *
 * @param function    the function called; never null
 * @param object      the object argument; never null ({@link ObjRef#NULL} for C NULL)
 * @param slots       how the out-parameters were passed; never null
 * @param returnValue the C return value
 * @param buffer      the content of the {@code buffer} slot after the call (the initial value if untouched;
 *                    meaningless when the slot was NULL or the function has none)
 * @param length      the content of the {@code buffer_len} slot after the call, likewise
 * @param error       the error indicator right after the call; it is left set in the implementation
 */
@API(status = STABLE, since = "0.1")
public record CallResult(Function function, ObjRef object, OutSlots slots, int returnValue,
                         long buffer, long length, Optional<PyError> error) {

    public boolean bufferWritten() {
        return !slots.bufferIsNull() && buffer != slots.bufferInitial();
    }

    public boolean lengthWritten() {
        return !slots.lengthIsNull() && length != slots.lengthInitial();
    }

    /** One line a person can read: {@code PyObject_AsCharBuffer(bytes(5), &buf, &len) -> 0, buf=0x.., len=5, no error}. */
    public String transcript() {
        StringBuilder s = new StringBuilder(function.cName()).append('(').append(object);
        if (function.hasOutParameters()) {
            s.append(", ").append(slots.bufferIsNull() ? "NULL" : "&buf")
             .append(", ").append(slots.lengthIsNull() ? "NULL" : "&len");
        }
        s.append(") -> ").append(returnValue);
        if (function.hasOutParameters()) {
            if (!slots.bufferIsNull()) {
                s.append(", buf=").append(bufferWritten() ? "0x" + Long.toHexString(buffer) : "untouched");
            }
            if (!slots.lengthIsNull()) {
                s.append(", len=").append(lengthWritten() ? Long.toString(length) : "untouched");
            }
        }
        s.append(", ").append(error.map(e -> "error set: " + e).orElse("no error set"));
        return s.toString();
    }

    @Override
    public String toString() {
        return transcript();
    }
}
