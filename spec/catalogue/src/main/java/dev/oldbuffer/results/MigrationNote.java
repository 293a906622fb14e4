package dev.oldbuffer.results;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One place where replacing an old call by the call the page recommends changes what a runtime does: for one object,
 * what the old call did and what its replacement does. Informational: no assertion passes or fails by it.
 *
 * @param from   the old call, e.g. {@code PyObject_AsReadBuffer}
 * @param to     the replacement, e.g. {@code PyArg_ParseTuple((obj,), "y#", &buf, &len)}
 * @param object the object, as its recipe describes it
 * @param before what the old call did, e.g. {@code accepted, 3 bytes}
 * @param after  what the replacement does, e.g. {@code refused: TypeError}
 */
@API(status = EXPERIMENTAL, since = "0.3")
public record MigrationNote(String from, String to, String object, String before, String after) {

    public MigrationNote {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /** {@code AsReadBuffer -> y#, bytearray(3): accepted, 3 bytes -> refused: TypeError}. */
    @Override
    public String toString() {
        return from + " -> " + to + ", " + object + ": " + before + " -> " + after;
    }
}
