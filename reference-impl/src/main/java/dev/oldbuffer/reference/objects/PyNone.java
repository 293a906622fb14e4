package dev.oldbuffer.reference.objects;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** {@code None}: a singleton without buffer interface. */
@API(status = INTERNAL, since = "0.1")
public final class PyNone implements PyObject {

    public static final PyNone NONE = new PyNone();

    private PyNone() {
    }

    @Override
    public String typeName() {
        return "NoneType";
    }
}
