package dev.oldbuffer.reference.capi;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.reference.objects.BufferExporter;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The references that views acquired through the C API hold on their exporters: a slot takes one for
 * {@code view.obj} ({@code PyBuffer_FillInfo}'s {@code Py_NewRef}), {@code PyBuffer_Release} drops it. The rest of an
 * object's reference count does not change during a call, so these are all the model needs to say whether a call
 * leaves the count as it found it.
 */
@API(status = INTERNAL, since = "0.2")
public final class References {

    private final Map<BufferExporter, Integer> heldByViews = new IdentityHashMap<>();

    /** {@code Py_INCREF(view.obj)}; nothing for a view without an object. */
    public void incref(BufferExporter obj) {
        if (obj != null) {
            heldByViews.merge(obj, 1, Integer::sum);
        }
    }

    /** {@code Py_XDECREF(view.obj)}. */
    public void decref(BufferExporter obj) {
        if (obj != null) {
            heldByViews.merge(obj, -1, Integer::sum);
        }
    }

    /** The references views hold on {@code obj} now (negative after a decref too many). */
    public int heldByViews(BufferExporter obj) {
        return obj == null ? 0 : heldByViews.getOrDefault(obj, 0);
    }

    /** Forgets every object (the runtime was reset). */
    public void clear() {
        heldByViews.clear();
    }
}
