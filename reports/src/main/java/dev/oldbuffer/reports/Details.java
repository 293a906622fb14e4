package dev.oldbuffer.reports;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shortens a failure's detail to what fits in a matrix cell: the observed part, on one line. */
final class Details {

    static final int MAX = 90;
    private static final Pattern EXPECTED_BUT_WAS = Pattern.compile("to [^:]*: (.*?) but was: (.*)");
    /** TckMessages.couldNotObserve: a step around the call that the implementation refused. */
    private static final Pattern COULD_NOT = Pattern.compile("Expecting the implementation to (.*?): .*? but it raised: (.*)");
    private static final Pattern STATEFUL_HEADER = Pattern.compile("\n\\[[^\n]*, profile [^\n]*\\]\n");

    private Details() {
    }

    /**
     * Drops the kit's {@code [id function, profile, on runtime]} header line (the column says it already) and,
     * for an "Expecting call ... to ...: X but was: Y" message, keeps "expected X, was Y": the call and what was
     * checked are in the tooltip and the row.
     */
    static String shorten(String detail) {
        String s = detail.strip();
        int falsified = s.indexOf("\nFalsified after ");   // a property's seed and sample: in the tooltip
        if (falsified > 0) {
            s = s.substring(0, falsified);
        }
        if (s.startsWith("Invariant '") || s.startsWith("Run failed after")) {
            // a stateful run: the actions, then the kit's header line and what went wrong
            Matcher header = STATEFUL_HEADER.matcher(s);
            if (header.find()) {
                s = s.substring(header.end());
            }
        }
        if (s.startsWith("[") && s.indexOf('\n') > 0 && s.substring(0, s.indexOf('\n')).strip().endsWith("]")) {
            s = s.substring(s.indexOf('\n') + 1);
        }
        if (s.startsWith("Expecting")) {
            int to = s.indexOf("\nto ");
            if (to > 0) {
                s = s.substring(to + 1);
            }
        }
        s = s.replaceAll("\\s+", " ").strip();
        Matcher m = EXPECTED_BUT_WAS.matcher(s);
        Matcher raised = COULD_NOT.matcher(s);
        if (m.matches()) {
            s = "expected " + m.group(1) + ", was " + m.group(2);
        } else if (raised.matches()) {
            s = "could not " + raised.group(1) + " it: " + raised.group(2);
        }
        return s.length() <= MAX ? s : s.substring(0, MAX - 1).strip() + "…";
    }
}
