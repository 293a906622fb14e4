package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * Which promise a run checks: what the page documents, or what CPython 3.x does (the regression view).
 * Where the page is silent, {@code documented} does not guess and {@code cpython} pins CPython.
 */
@API(status = STABLE, since = "0.1")
public enum Profile {
    DOCUMENTED("documented"),
    CPYTHON("cpython");

    private final String id;

    Profile(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The profile with this id; the exception lists the known ids. */
    public static Profile ofId(String id) {
        for (Profile p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + id + "'; known: "
                + String.join(", ", Arrays.stream(values()).map(Profile::id).toList()));
    }

    @Override
    public String toString() {
        return id;
    }
}
