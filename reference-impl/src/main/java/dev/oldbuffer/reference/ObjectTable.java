package dev.oldbuffer.reference;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.reference.objects.PyObject;
import dev.oldbuffer.spi.ObjRef;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The objects a runtime holds alive, by handle. One object keeps one handle (a {@code PyObject *} is the
 * object's address), and handles are never reused, so a reference from before a reset is recognised as stale.
 */
@API(status = INTERNAL, since = "0.1")
public final class ObjectTable {

    private final Map<Long, PyObject> byHandle = new HashMap<>();
    private final Map<PyObject, Long> handles = new IdentityHashMap<>();
    private long lastHandle;

    public ObjRef register(PyObject obj, String kind) {
        Long handle = handles.get(obj);
        if (handle == null) {
            handle = ++lastHandle;
            handles.put(obj, handle);
            byHandle.put(handle, obj);
        }
        return new ObjRef(handle, kind);
    }

    /** The object behind a non-NULL reference. */
    public PyObject lookup(ObjRef ref) {
        PyObject obj = byHandle.get(ref.handle());
        if (obj == null) {
            throw new IllegalArgumentException("unknown object " + ref + " (handle " + ref.handle()
                    + "): created before the last reset, or by another runtime");
        }
        return obj;
    }

    public int size() {
        return byHandle.size();
    }

    public void clear() {
        byHandle.clear();
        handles.clear();
    }
}
