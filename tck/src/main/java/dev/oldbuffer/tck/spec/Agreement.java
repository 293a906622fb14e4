package dev.oldbuffer.tck.spec;

import dev.oldbuffer.spi.CallResult;
import dev.oldbuffer.spi.PyError;

/**
 * The part of a call's answer two functions must agree on: the return value, and on success the address and
 * length, on failure the error type (the page says nothing of the out-parameters on failure).
 */
record Agreement(int returnValue, long buffer, long length, String errorType) {

    static Agreement of(CallResult r) {
        boolean ok = r.returnValue() == 0;
        return new Agreement(r.returnValue(), ok ? r.buffer() : 0, ok ? r.length() : 0,
                r.error().map(PyError::type).orElse("none"));
    }
}
