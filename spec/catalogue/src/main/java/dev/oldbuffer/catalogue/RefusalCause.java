package dev.oldbuffer.catalogue;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * Why a correct implementation refuses an object, in the order an exporter checks them; the keys of an
 * {@link Expected#errorByCause()} mapping in the catalogue.
 */
@API(status = STABLE, since = "0.2")
public enum RefusalCause {
    /** The object has no buffer interface (str, int, None). */
    NO_BUFFER("no-buffer"),
    /** A memoryview that was released. */
    RELEASED("released"),
    /** The exporter's getbuffer raised. */
    REFUSED("refused"),
    /** A writable view was asked of read-only data. */
    READ_ONLY("read-only"),
    /** The data is not one C-contiguous block. */
    NOT_CONTIGUOUS("not-contiguous");

    private final String key;

    RefusalCause(String key) {
        this.key = key;
    }

    /** The name in the catalogue, e.g. {@code not-contiguous}. */
    public String key() {
        return key;
    }

    /** The cause with this catalogue name; the exception lists the known ones. */
    public static RefusalCause ofKey(String key) {
        for (RefusalCause c : values()) {
            if (c.key.equals(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown cause '" + key + "'; known: "
                + String.join(", ", Arrays.stream(values()).map(RefusalCause::key).toList()));
    }
}
