package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * The four functions of the old buffer API, with every fact about each written here once: the C name, the prefix
 * of its assertions' ids in the catalogue, whether it asks for a writable view, whether it has out-parameters, and
 * what it returns for yes and no. Code that does something per function switches over this enum, so a new
 * function does not compile until each such place handles it.
 */
@API(status = STABLE, since = "0.1")
public enum Function {
    AS_CHAR_BUFFER("PyObject_AsCharBuffer", "char", false, true),
    AS_READ_BUFFER("PyObject_AsReadBuffer", "read", false, true),
    CHECK_READ_BUFFER("PyObject_CheckReadBuffer", "check", false, false),
    AS_WRITE_BUFFER("PyObject_AsWriteBuffer", "write", true, true);

    private final String cName;
    private final String idPrefix;
    private final boolean writable;
    private final boolean getter;

    Function(String cName, String idPrefix, boolean writable, boolean getter) {
        this.cName = cName;
        this.idPrefix = idPrefix;
        this.writable = writable;
        this.getter = getter;
    }

    /** The C name, e.g. {@code PyObject_AsCharBuffer}; never null. */
    public String cName() {
        return cName;
    }

    /** The prefix of this function's assertion ids in the catalogue: {@code char}, {@code read}, {@code check}, {@code write}. */
    public String idPrefix() {
        return idPrefix;
    }

    /** True when the function needs a writable view (it requests {@link PyBuf#WRITABLE}); the others need a readable one. */
    public boolean needsWritable() {
        return writable;
    }

    /** True for the three getters, which have the out-parameters {@code buffer} and {@code buffer_len}; CheckReadBuffer has none. */
    public boolean hasOutParameters() {
        return getter;
    }

    /** What the function returns when it accepts the object: 0 for the getters, 1 for CheckReadBuffer. */
    public int accepted() {
        return getter ? 0 : 1;
    }

    /** What the function returns when it refuses the object: -1 for the getters, 0 for CheckReadBuffer. */
    public int refused() {
        return getter ? -1 : 0;
    }

    /** The function with this C name; throws {@link IllegalArgumentException} naming the known ones. */
    public static Function ofCName(String cName) {
        for (Function f : values()) {
            if (f.cName.equals(cName)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown function '" + cName + "'; known: "
                + Arrays.stream(values()).map(Function::cName).toList());
    }

    @Override
    public String toString() {
        return cName;
    }
}
