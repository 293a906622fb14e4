package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What one {@link Replacement} call did, as C code would see it right after the call returned. The view's fields are
 * those of the {@code Py_buffer} it filled ({@code y#}: of none; then only {@code buf} and {@code len} mean something).
 *
 * @param call          the call made; never null
 * @param object        the object argument; never null
 * @param returnValue   the C return value (see {@link Replacement#accepted})
 * @param buf           {@code view.buf}, or {@code y#}'s pointer
 * @param len           {@code view.len}, or {@code y#}'s length
 * @param readonly      {@code view.readonly}
 * @param itemsize      {@code view.itemsize}
 * @param ndim          {@code view.ndim}
 * @param cContiguous   {@code PyBuffer_IsContiguous(&view, 'C')}
 * @param oneSegment    {@code PyBuffer_IsContiguous(&view, 'A')}: what the old functions' "single-segment" means
 * @param error         the error indicator right after the call; the runtime fetched and cleared it
 * @param view          the runtime's handle of the held view, for {@link OldBufferRuntime#release}; 0 when none is held
 */
@API(status = EXPERIMENTAL, since = "0.3")
public record Acquisition(Replacement call, ObjRef object, int returnValue, long buf, long len, boolean readonly,
                          long itemsize, int ndim, boolean cContiguous, boolean oneSegment, Optional<PyError> error,
                          long view) {

    public Acquisition {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(error, "error");
    }

    /** A refused call: only the return value and the error mean something. */
    public static Acquisition refused(Replacement call, ObjRef object, int returnValue, Optional<PyError> error) {
        return new Acquisition(call, object, returnValue, 0, 0, false, 0, 0, false, false, error, 0);
    }

    public boolean accepted() {
        return call.accepted(returnValue);
    }

    /** True when the caller holds a view it must release. */
    public boolean holdsView() {
        return accepted() && call.holdsView();
    }

    /** One line a person can read: {@code PyObject_GetBuffer(obj, &view, PyBUF_SIMPLE) -> 0, buf=0x.., len=5, ...}. */
    public String transcript() {
        StringBuilder s = new StringBuilder(call.cCall().replace("obj", object.toString())).append(" -> ").append(returnValue);
        if (accepted()) {
            s.append(", buf=0x").append(Long.toHexString(buf)).append(", len=").append(len);
            if (call.holdsView()) {
                s.append(", readonly=").append(readonly ? 1 : 0).append(", itemsize=").append(itemsize).append(", ndim=").append(ndim)
                 .append(cContiguous ? ", C-contiguous" : oneSegment ? ", one segment (not C order)" : ", not one segment");
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
