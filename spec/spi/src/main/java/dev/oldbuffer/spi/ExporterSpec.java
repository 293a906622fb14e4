package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The configurable exporter: an object whose {@code bf_getbuffer} serves {@code data} and counts
 * every acquire and release, so that the kit can see what a wrapper asked for and whether it gave
 * the view back.
 *
 * <p>Its {@code bf_getbuffer(view, flags)} behaves like a well-written exporter, checked in this order:
 * <ol>
 *   <li>{@code failWith} set: raise that exception type (a builtin name, e.g. {@code ValueError}) with
 *       message {@code "exporter refused"}; nothing is acquired.</li>
 *   <li>{@code PyBUF_WRITABLE} requested and {@code readOnly}: raise {@code BufferError}.</li>
 *   <li>{@code step > 1} (the data is exposed with a stride of {@code step} bytes, so it is not contiguous)
 *       and {@code PyBUF_STRIDES} not requested: raise {@code BufferError}.</li>
 *   <li>otherwise fill the view (one-dimensional, item size 1, {@code data.length} items; for
 *       {@code step > 1} over storage of {@code data.length * step} bytes) and count an acquire.</li>
 * </ol>
 * {@code bf_releasebuffer} counts a release.
 *
 * @param data     the logical content; never null
 * @param readOnly whether writable requests are refused
 * @param step     1 for contiguous storage, larger for a strided layout
 * @param failWith null, or the name of a builtin exception type that {@code bf_getbuffer} raises
 */
@API(status = STABLE, since = "0.1")
public record ExporterSpec(byte[] data, boolean readOnly, int step, String failWith) {

    public ExporterSpec {
        data = Objects.requireNonNull(data, "data").clone();
        if (step < 1) {
            throw new IllegalArgumentException("step must be at least 1, got " + step);
        }
    }

    public static ExporterSpec readOnly(byte... data) { return new ExporterSpec(data, true, 1, null); }
    public static ExporterSpec writable(byte... data) { return new ExporterSpec(data, false, 1, null); }
    public static ExporterSpec strided(int step, byte... data) { return new ExporterSpec(data, false, step, null); }
    public static ExporterSpec failing(String exceptionType) { return new ExporterSpec(new byte[] {1, 2, 3}, false, 1, exceptionType); }

    @Override public byte[] data() { return data.clone(); }

    public boolean contiguous() { return step == 1; }

    public String describe() {
        return "exporter(" + data.length + (readOnly ? ", read-only" : ", writable")
                + (step > 1 ? ", stride " + step : "") + (failWith != null ? ", raises " + failWith : "") + ")";
    }

    @Override public boolean equals(Object o) {
        return o instanceof ExporterSpec e && Arrays.equals(data, e.data) && readOnly == e.readOnly
                && step == e.step && Objects.equals(failWith, e.failWith);
    }
    @Override public int hashCode() { return Objects.hash(Arrays.hashCode(data), readOnly, step, failWith); }
    @Override public String toString() {
        return "ExporterSpec[" + HexFormat.of().formatHex(data, 0, Math.min(16, data.length)) + ", readOnly=" + readOnly
                + ", step=" + step + ", failWith=" + failWith + "]";
    }
}
