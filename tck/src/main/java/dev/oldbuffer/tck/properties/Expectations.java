package dev.oldbuffer.tck.properties;

import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.spi.Function;
import dev.oldbuffer.tck.Subject;
import dev.oldbuffer.tck.arbitraries.FixtureFeatures;
import dev.oldbuffer.tck.oracle.Layout;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Assume;

/**
 * What a correct implementation does with a recipe, from its layout (the oracle) and the catalogue's
 * {@code expected} entries: whether a function accepts it, why it refuses it, and which error type that sets.
 */
final class Expectations {

    /** Why a correct implementation refuses an object; the names are those of the catalogue's {@code expected} lists. */
    enum Cause {
        NONE("none"), NO_BUFFER("no-buffer"), RELEASED("released"), REFUSED("refused"), NOT_CONTIGUOUS("not-contiguous"),
        READ_ONLY("read-only");

        final String key;

        Cause(String key) {
            this.key = key;
        }
    }

    private Expectations() {
    }

    /** Discards the try when the implementation cannot build the recipe (a feature it does not declare). */
    static void assumeBuildable(Subject s, Fixture fixture) {
        Set<Feature> needed = FixtureFeatures.needed(fixture);
        Assume.that(s.runtime().features().containsAll(needed));
    }

    static boolean accepts(Function f, Layout layout) {
        return f == Function.AS_WRITE_BUFFER ? layout.writable() : layout.readable();
    }

    /** What the function of a correct implementation returns: 0 / -1, or 1 / 0 for CheckReadBuffer. */
    static int returnValue(Function f, Layout layout) {
        if (f == Function.CHECK_READ_BUFFER) {
            return layout.readable() ? 1 : 0;
        }
        return accepts(f, layout) ? 0 : -1;
    }

    /** The first reason, in the order the exporter checks them, for which {@code f} refuses the object. */
    static Cause cause(Function f, Fixture fixture, Layout layout) {
        if (!layout.bufferInterface()) {
            return Cause.NO_BUFFER;
        }
        if (layout.refusal().isPresent()) {
            return fixture instanceof Fixture.Released ? Cause.RELEASED : Cause.REFUSED;
        }
        if (f == Function.AS_WRITE_BUFFER && layout.readOnly()) {
            return Cause.READ_ONLY;
        }
        return layout.contiguous() ? Cause.NONE : Cause.NOT_CONTIGUOUS;
    }

    /**
     * The error type a refusal sets, from a catalogue {@code expected} text: either one type for every cause
     * ({@code TypeError}), or a list {@code cause=Type, ...} where {@code raised} stands for the exception type
     * the exporter itself raised.
     */
    static String errorType(String expected, Cause cause, Layout layout) {
        if (!expected.contains("=")) {
            return expected.trim();
        }
        Map<String, String> byCause = new LinkedHashMap<>();
        for (String entry : expected.split(",")) {
            String[] kv = entry.split("=", 2);
            byCause.put(kv[0].trim(), kv[1].trim());
        }
        String type = byCause.get(cause.key);
        if (type == null) {
            throw new IllegalStateException("the catalogue's expected outcome '" + expected + "' names no error type for cause '"
                    + cause.key + "'");
        }
        return type.equals("raised") ? layout.refusal().orElseThrow() : type;
    }
}
