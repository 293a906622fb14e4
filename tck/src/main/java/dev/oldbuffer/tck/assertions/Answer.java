package dev.oldbuffer.tck.assertions;

import static org.apiguardian.api.API.Status.MAINTAINED;

import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.PyError;
import org.apiguardian.api.API;

/** What two calls must agree on: the return value; on success the address and the length; on failure the error type. */
@API(status = MAINTAINED, since = "0.2")
public record Answer(int returnValue, long buffer, long length, String errorType) {

    public static Answer of(CallResult r) {
        boolean ok = r.returnValue() == 0;
        return new Answer(r.returnValue(), ok ? r.buffer() : 0, ok ? r.length() : 0, r.error().map(PyError::type).orElse("none"));
    }

    @Override
    public String toString() {
        return returnValue == 0 ? "0, buf=0x" + Long.toHexString(buffer) + ", len=" + length + ", error " + errorType
                : returnValue + ", error " + errorType;
    }
}
