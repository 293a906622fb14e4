package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** The four functions of the old buffer API, by their C names. */
@API(status = STABLE, since = "0.1")
public enum Function {
    AS_CHAR_BUFFER("PyObject_AsCharBuffer"),
    AS_READ_BUFFER("PyObject_AsReadBuffer"),
    CHECK_READ_BUFFER("PyObject_CheckReadBuffer"),
    AS_WRITE_BUFFER("PyObject_AsWriteBuffer");

    private final String cName;

    Function(String cName) {
        this.cName = cName;
    }

    /** The C name, e.g. {@code PyObject_AsCharBuffer}; never null. */
    public String cName() {
        return cName;
    }

    /** True for the three functions with out-parameters; CheckReadBuffer has none. */
    public boolean hasOutParameters() {
        return this != CHECK_READ_BUFFER;
    }

    /** The function with this C name; throws {@link IllegalArgumentException} naming the known ones. */
    public static Function ofCName(String cName) {
        for (Function f : values()) {
            if (f.cName.equals(cName)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown function '" + cName + "'; known: "
                + java.util.Arrays.stream(values()).map(Function::cName).toList());
    }

    @Override
    public String toString() {
        return cName;
    }
}
