package dev.oldbuffer.tck.properties;

import dev.oldbuffer.catalogue.RefusalCause;
import dev.oldbuffer.spi.Fixture;
import dev.oldbuffer.tck.Subject;
import dev.oldbuffer.tck.oracle.Layout;
import net.jqwik.api.Assume;

/**
 * What the properties share beyond the oracle's {@link Layout}: which generated recipes a try can use, and the
 * error type the catalogue's {@code expected} entry names for a refusal under the run's profile.
 */
final class Expectations {

    private Expectations() {
    }

    /** Discards the try when the implementation cannot build the recipe (a feature it does not declare). */
    static void assumeBuildable(Subject s, Fixture fixture) {
        Assume.that(s.runtime().features().containsAll(fixture.features()));
    }

    /**
     * Discards the try for a call made with an error already set when the object's export runs Python code: calling
     * with an error set is outside the C API's contract, and CPython runs that code (PEP 688's __buffer__) with the
     * error still set, so the call fails with SystemError; the catalogue's notes on these assertions say so.
     */
    static void assumeBuildableWithAnErrorSet(Subject s, Fixture fixture) {
        assumeBuildable(s, fixture);
        Assume.that(!fixture.exportRunsPython());
    }

    /** The exception type a refusal for {@code cause} sets, as assertion {@code id} expects it under the run's profile. */
    static String errorType(Subject s, String id, RefusalCause cause, Layout layout) {
        return s.expected(id).errorFor(cause, layout.refusal());
    }
}
