package dev.oldbuffer.reports;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names the report gives the files it writes. Results folders may come from anyone, so nothing read from them becomes
 * part of a path as it is: it is reduced to a slug first.
 */
final class SafeNames {

    /** The longest slug. */
    static final int MAX = 80;
    private static final Pattern SAFE = Pattern.compile("[a-z0-9][a-z0-9._-]{0," + (MAX - 1) + "}");

    private SafeNames() {
    }

    /**
     * Lower-case letters, digits, {@code .}, {@code -} and {@code _}: every other run of characters becomes one
     * {@code -}, no two dots follow each other, and it starts with a letter or digit; at most {@value #MAX} characters,
     * {@code run} when nothing is left.
     */
    static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("\\.{2,}", ".")
                .replaceAll("^[._-]+", "");
        if (s.length() > MAX) {
            s = s.substring(0, MAX);
        }
        s = s.replaceAll("[._-]+$", "");
        return s.isEmpty() ? "run" : s;
    }

    /** Whether a name is one path segment that stays where it is put: a slug. */
    static boolean isSafe(String name) {
        return SAFE.matcher(name).matches() && !name.contains("..");
    }

    /** Text from a results folder for a message or a terminal line: control characters (escapes, line breaks) as {@code ?}. */
    static String printable(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }
}
