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
 * {@code bf_releasebuffer} counts a release. An exporter with a {@link RuleBreak} other than {@code NONE} breaks one
 * rule of the buffer protocol on purpose, as real exporters do; each constant says how.
 *
 * @param data     the logical content; never null
 * @param readOnly whether writable requests are refused
 * @param step     1 for contiguous storage, larger for a strided layout
 * @param failWith null, or the name of a builtin exception type that {@code bf_getbuffer} raises
 * @param rule     the rule of the protocol it breaks, {@link RuleBreak#NONE} for a well-behaved exporter
 */
@API(status = STABLE, since = "0.1")
public record ExporterSpec(byte[] data, boolean readOnly, int step, String failWith, RuleBreak rule) {

    /**
     * A rule of the buffer protocol the exporter breaks. Real exporters do: CPython's wrappers never re-check what
     * {@code bf_getbuffer} hands back (Objects/abstract.c), so whatever an exporter answers reaches the caller.
     * Each applies after {@code failWith}, in place of the checks it names.
     */
    @API(status = STABLE, since = "0.2")
    public enum RuleBreak {
        /** Well-behaved: the checks of {@link ExporterSpec}, in order. */
        NONE,
        /** Needs {@code step > 1}: hands its strided view (shape and strides filled) to every request, a simple one too. */
        STRIDED_ANYWAY,
        /**
         * Hands an indirect view to every request: {@code buf} is a table of one pointer per byte of the contiguous
         * data, with {@code strides = {sizeof(void *)}} and {@code suboffsets = {0}} (the PIL layout).
         */
        INDIRECT_ANYWAY,
        /** Needs {@code readOnly}: grants a writable request all the same, with {@code readonly = 1} in the view. */
        WRITABLE_ANYWAY,
        /** Fails every request with -1 and no exception set. */
        FAILS_SILENTLY,
        /**
         * Needs an even length of at least 4: hands every request a two-dimensional Fortran-ordered view of its
         * contiguous data, shape {@code {2, n / 2}}, strides {@code {1, 2}} - one segment, not in C order.
         */
        FORTRAN_ORDER,
        /** Needs an even length of at least 4: hands every request a C-ordered view of shape {@code {2, n / 2}}. */
        TWO_DIMENSIONAL,
        /** Needs a length of at least 1: hands every request a 0-d view, one item of all its bytes (format {@code "<n>s"}). */
        ZERO_DIMENSIONAL
    }

    public ExporterSpec {
        data = Objects.requireNonNull(data, "data").clone();
        Objects.requireNonNull(rule, "rule");
        if (step < 1) {
            throw new IllegalArgumentException("step must be at least 1, got " + step);
        }
        String needs = switch (rule) {
            case STRIDED_ANYWAY -> step > 1 ? null : "a step above 1";
            case WRITABLE_ANYWAY -> readOnly ? null : "a read-only exporter";
            case FORTRAN_ORDER, TWO_DIMENSIONAL -> step == 1 && data.length >= 4 && data.length % 2 == 0 ? null
                    : "contiguous data of an even length of at least 4";
            case ZERO_DIMENSIONAL, INDIRECT_ANYWAY -> step == 1 && data.length >= 1 ? null : "contiguous data of at least one byte";
            case NONE, FAILS_SILENTLY -> null;
        };
        if (needs != null) {
            throw new IllegalArgumentException(rule + " needs " + needs);
        }
    }

    /** A well-behaved exporter ({@link RuleBreak#NONE}). */
    public ExporterSpec(byte[] data, boolean readOnly, int step, String failWith) {
        this(data, readOnly, step, failWith, RuleBreak.NONE);
    }

    public static ExporterSpec readOnly(byte... data) { return new ExporterSpec(data, true, 1, null); }
    public static ExporterSpec writable(byte... data) { return new ExporterSpec(data, false, 1, null); }
    public static ExporterSpec strided(int step, byte... data) { return new ExporterSpec(data, false, step, null); }
    public static ExporterSpec failing(String exceptionType) { return new ExporterSpec(new byte[] {1, 2, 3}, false, 1, exceptionType); }
    /** A writable exporter of contiguous {@code data} (strided by {@code step} for STRIDED_ANYWAY, read-only for WRITABLE_ANYWAY) that breaks {@code rule}. */
    public static ExporterSpec breaking(RuleBreak rule, byte... data) {
        return new ExporterSpec(data, rule == RuleBreak.WRITABLE_ANYWAY, rule == RuleBreak.STRIDED_ANYWAY ? 2 : 1, null, rule);
    }

    @Override public byte[] data() { return data.clone(); }

    public boolean contiguous() { return step == 1; }

    public String describe() {
        return "exporter(" + data.length + (readOnly ? ", read-only" : ", writable")
                + (step > 1 ? ", stride " + step : "") + (failWith != null ? ", raises " + failWith : "")
                + (rule != RuleBreak.NONE ? ", " + rule.name().toLowerCase().replace('_', ' ') : "") + ")";
    }

    @Override public boolean equals(Object o) {
        return o instanceof ExporterSpec e && Arrays.equals(data, e.data) && readOnly == e.readOnly
                && step == e.step && Objects.equals(failWith, e.failWith) && rule == e.rule;
    }
    @Override public int hashCode() { return Objects.hash(Arrays.hashCode(data), readOnly, step, failWith, rule); }
    @Override public String toString() {
        return "ExporterSpec[" + HexFormat.of().formatHex(data, 0, Math.min(16, data.length)) + ", readOnly=" + readOnly
                + ", step=" + step + ", failWith=" + failWith + ", rule=" + rule + "]";
    }
}
