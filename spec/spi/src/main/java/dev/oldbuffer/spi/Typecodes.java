package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Item sizes of the struct/array format codes the kit uses, as on a 64-bit Linux (LP64) build: a recipe with one of
 * {@link #LP64_FORMATS} needs {@link Feature#LP64_ITEM_SIZES}.
 */
@API(status = STABLE, since = "0.1")
public final class Typecodes {
    /**
     * The array typecodes every runtime has: the numbers and {@code 'u'} ({@code wchar_t}, deprecated since Python 3.3,
     * warned about from 3.13, to go in 3.16).
     */
    public static final String ARRAY_TYPECODES = "bBhHiIlLqQfdu";
    /** {@code array('w')}: {@code Py_UCS4}, Python 3.13+ ({@link Feature#ARRAY_UCS4}). */
    public static final char UCS4_TYPECODE = 'w';
    /** Formats every runtime's memoryview.cast accepts: the number codes, 'c', '?', and the pointer-sized 'n', 'N', 'P'. */
    public static final String CAST_FORMATS = "bBchHiIlLqQfd?nNP";
    /** {@code memoryview.cast('e')}: half floats, Python 3.12+ ({@link Feature#HALF_FLOAT_CAST}). */
    public static final char HALF_FLOAT_FORMAT = 'e';

    /** The codes whose size is the C data model's ({@code long}, {@code size_t}, {@code void *}): 8 here, 4 on wasm32. */
    public static final String LP64_FORMATS = "lLnNP";

    private Typecodes() {
    }

    public static int itemSize(char code) {
        return switch (code) {
            case 'b', 'B', 'c', '?' -> 1;
            case 'h', 'H', 'e' -> 2;
            case 'i', 'I', 'f', 'u', 'w' -> 4;
            case 'l', 'L', 'q', 'Q', 'd', 'n', 'N', 'P' -> 8;
            default -> throw new IllegalArgumentException("unsupported format code '" + code + "'");
        };
    }
}
