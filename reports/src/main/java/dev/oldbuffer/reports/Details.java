package dev.oldbuffer.reports;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shortens a failure's detail to what fits in a matrix cell: the observed part, on one line. */
final class Details {

    static final int MAX = 90;
    private static final Pattern EXPECTED_BUT_WAS = Pattern.compile("to [^:]*: (.*?) but was: (.*)");

    private Details() {
    }

    /**
     * Drops the kit's {@code [id function, profile, on runtime]} header line (the column says it already) and,
     * for an "Expecting call ... to ...: X but was: Y" message, keeps "expected X, was Y": the call and what was
     * checked are in the tooltip and the row.
     */
    static String shorten(String detail) {
        String s = detail.strip();
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
        if (m.matches()) {
            s = "expected " + m.group(1) + ", was " + m.group(2);
        }
        return s.length() <= MAX ? s : s.substring(0, MAX - 1).strip() + "…";
    }
}
