package dev.oldbuffer.reference.capi;

import dev.oldbuffer.reference.objects.PyException;
import dev.oldbuffer.reference.objects.PyMemoryView;
import dev.oldbuffer.reference.objects.PyObject;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.spi.OutSlots;
import dev.oldbuffer.spi.PyError;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** One interpreter and one function layer, plus a call helper that records what C code would see. */
final class Call {

    final Interpreter interp = Interpreter.fresh();
    final OldBufferFunctions functions;

    Call(OldBufferFunctions functions) {
        this.functions = functions;
    }

    /** What the call left behind: return value, both slots, the error indicator. */
    record Outcome(int result, long buffer, long length, Optional<PyError> error) {
        boolean slotsUntouched() {
            return buffer == OutSlots.BUFFER_SENTINEL && length == OutSlots.LENGTH_SENTINEL;
        }

        String errorType() {
            return error.map(PyError::type).orElse("none");
        }

        String errorMessage() {
            return error.map(PyError::message).orElse("");
        }
    }

    Outcome call(Function function, PyObject obj) {
        return call(function, obj, new OutPointer(OutSlots.BUFFER_SENTINEL), new OutPointer(OutSlots.LENGTH_SENTINEL));
    }

    Outcome call(Function function, PyObject obj, OutPointer buffer, OutPointer length) {
        int result = switch (function) {
            case AS_CHAR_BUFFER -> functions.asCharBuffer(interp, obj, buffer, length);
            case AS_READ_BUFFER -> functions.asReadBuffer(interp, obj, buffer, length);
            case AS_WRITE_BUFFER -> functions.asWriteBuffer(interp, obj, buffer, length);
            case CHECK_READ_BUFFER -> functions.checkReadBuffer(interp, obj);
        };
        return new Outcome(result, buffer == null ? 0 : buffer.get(), length == null ? 0 : length.get(),
                interp.threadState().peek());
    }

    byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    PyMemoryView memoryview(PyObject base) throws PyException {
        return PyMemoryView.fromObject(interp.memory(), base);
    }
}
