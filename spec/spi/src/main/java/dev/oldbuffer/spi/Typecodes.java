package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** Item sizes of the struct/array format codes the kit uses, as on a 64-bit Linux (LP64) build. */
@API(status = STABLE, since = "0.1")
public final class Typecodes {
    /** The array typecodes the kit generates. */
    public static final String ARRAY_TYPECODES = "bBhHiIlLqQfd";
    /** Formats accepted by memoryview.cast: the array codes plus 'c'. */
    public static final String CAST_FORMATS = "bBchHiIlLqQfd";

    private Typecodes() {
    }

    public static int itemSize(char code) {
        return switch (code) {
            case 'b', 'B', 'c' -> 1;
            case 'h', 'H' -> 2;
            case 'i', 'I', 'f' -> 4;
            case 'l', 'L', 'q', 'Q', 'd' -> 8;
            default -> throw new IllegalArgumentException("unsupported format code '" + code + "'");
        };
    }
}
