package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** {@code str}: text, no buffer interface (its bytes depend on an encoding). */
@API(status = INTERNAL, since = "0.1")
public record PyStr(String text) implements PyObject {

    @Override
    public String typeName() {
        return "str";
    }

    @Override
    public byte[] toBytes() throws PyException {
        throw PyException.typeError("string argument without an encoding");
    }
}
