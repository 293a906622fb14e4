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
    /** References held on objects no view owns: none in a correct implementation (see {@link #keep}). */
    private int kept;

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

    /**
     * A reference the interpreter keeps on an object of its own making (an exception, a temporary view) past the call:
     * what a leak looks like to the total count. No correct call makes one.
     */
    public void keep() {
        kept++;
    }

    /** Every reference the calls hold now: the views' on their exporters and the kept ones. */
    public int total() {
        return heldByViews.values().stream().mapToInt(Integer::intValue).sum() + kept;
    }

    /** Forgets every object (the runtime was reset). */
    public void clear() {
        heldByViews.clear();
        kept = 0;
    }
}
