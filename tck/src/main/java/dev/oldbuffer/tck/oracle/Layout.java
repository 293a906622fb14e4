package dev.oldbuffer.tck.oracle;

import static org.apiguardian.api.API.Status.MAINTAINED;

import dev.oldbuffer.catalogue.RefusalCause;
import dev.oldbuffer.spi.Function;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What Python's buffer protocol would expose for a fixture, derived from its recipe, and what each function of a
 * correct implementation therefore answers.
 *
 * @param typeName        the object's Python type name, e.g. {@code bytearray}, {@code NoneType}
 * @param bufferInterface false for objects without the buffer interface (str, int, None)
 * @param refusal         when the exporter refuses every request: the exception type it raises
 *                        (released memoryview: ValueError, failing exporter: its type); empty otherwise
 * @param released        whether the refusal is that of a released memoryview
 * @param contiguous      whether the data is one C-contiguous block
 * @param readOnly        whether writable requests are refused
 * @param data            the logical bytes in C order (empty without buffer interface)
 * @param offset          for a view into an {@code Existing} object: the byte offset of the first byte
 *                        inside that object's memory, when the view is contiguous; -1 otherwise
 * @param exportProbe     how to see that nothing exports the object any longer
 * @param releaseSlot     whether the object's type fills {@code bf_releasebuffer} (then {@code PyArg_ParseTuple}'s
 *                        {@code y#} refuses it)
 */
@API(status = MAINTAINED, since = "0.1")
public record Layout(String typeName, boolean bufferInterface, Optional<String> refusal, boolean released, boolean contiguous,
                     boolean readOnly, byte[] data, long offset, ExportProbe exportProbe, boolean releaseSlot) {

    /** How a test sees that an object is no longer exported. */
    public enum ExportProbe {
        /** The exporter's acquire and release counts balance. */
        COUNTS,
        /** A bytearray or array can be resized. */
        RESIZE,
        /** A memoryview can be released. */
        RELEASE,
        /** Nothing to see: the object exports nothing of its own, or was released already. */
        NONE
    }

    /** Byte length: item size times item count. */
    public int byteLength() {
        return data.length;
    }

    /** True when a simple (contiguous, read) request succeeds: what AsReadBuffer needs. */
    public boolean readable() {
        return bufferInterface && refusal.isEmpty() && contiguous;
    }

    /** True when a writable simple request succeeds: what AsWriteBuffer needs. */
    public boolean writable() {
        return readable() && !readOnly;
    }

    /** Whether a correct implementation of the function accepts the object: a readable view, writable where it asks for one. */
    public boolean acceptedBy(Function f) {
        return f.needsWritable() ? writable() : readable();
    }

    /** What the function of a correct implementation returns: 0 / -1, or 1 / 0 for CheckReadBuffer. */
    public int returnValue(Function f) {
        return acceptedBy(f) ? f.accepted() : f.refused();
    }

    /** The first reason, in the order the exporter checks them, for which the function refuses the object; empty when it accepts. */
    public Optional<RefusalCause> refusalCause(Function f) {
        if (!bufferInterface) {
            return Optional.of(RefusalCause.NO_BUFFER);
        }
        if (refusal.isPresent()) {
            return Optional.of(released ? RefusalCause.RELEASED : RefusalCause.REFUSED);
        }
        if (f.needsWritable() && readOnly) {
            return Optional.of(RefusalCause.READ_ONLY);
        }
        return contiguous ? Optional.empty() : Optional.of(RefusalCause.NOT_CONTIGUOUS);
    }
}
