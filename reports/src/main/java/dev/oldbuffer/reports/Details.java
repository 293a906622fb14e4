package dev.oldbuffer.reports;

import dev.oldbuffer.results.AssertionResult;
import dev.oldbuffer.results.Failure;

/** What a matrix cell says of a result, on one line, from the result's fields. */
final class Details {

    static final int MAX = 90;

    private Details() {
    }

    /**
     * For a failure its {@link Failure#headline()} (the call and what was checked are in the tooltip and the row); for
     * not applicable and not verified the reason; nothing for a pass. A result of the first results format has no
     * fields: its detail's first line.
     */
    static String shorten(AssertionResult a) {
        Failure f = a.failure();
        String s = (f == null ? a.detail().lines().findFirst().orElse("") : f.headline()).strip();
        return s.length() <= MAX ? s : s.substring(0, MAX - 1).strip() + "…";
    }
}
