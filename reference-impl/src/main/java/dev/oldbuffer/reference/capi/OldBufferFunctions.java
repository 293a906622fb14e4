package dev.oldbuffer.reference.capi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.oldbuffer.reference.objects.PyObject;
import org.apiguardian.api.API;

/**
 * The four functions of the old buffer API, C-shaped: a null {@code obj} is C NULL, a null
 * {@link OutPointer} is a NULL out-parameter, the result is the C return value and errors go to the
 * interpreter's {@link ThreadState}. Implementations are stateless, so one instance can serve any runtime.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface OldBufferFunctions {

    /** A short name recorded in the runtime's info: {@code documented}, {@code cpython}, or a variant's. */
    String flavour();

    int asCharBuffer(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen);

    int asReadBuffer(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen);

    int checkReadBuffer(Interpreter interp, PyObject obj);

    int asWriteBuffer(Interpreter interp, PyObject obj, OutPointer buffer, OutPointer bufferLen);
}
