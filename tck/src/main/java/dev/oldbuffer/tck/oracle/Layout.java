package dev.oldbuffer.tck.oracle;

import static org.apiguardian.api.API.Status.MAINTAINED;

import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What Python's buffer protocol would expose for a fixture, derived from its recipe.
 *
 * @param bufferInterface false for objects without the buffer interface (str, int, None)
 * @param refusal         when the exporter refuses every request: the exception type it raises
 *                        (released memoryview: ValueError, failing exporter: its type); empty otherwise
 * @param contiguous      whether the data is one C-contiguous block
 * @param readOnly        whether writable requests are refused
 * @param data            the logical bytes in C order (empty without buffer interface)
 * @param offset          for a view into an {@code Existing} object: the byte offset of the first byte
 *                        inside that object's memory, when the view is contiguous; -1 otherwise
 */
@API(status = MAINTAINED, since = "0.1")
public record Layout(boolean bufferInterface, Optional<String> refusal, boolean contiguous, boolean readOnly,
                     byte[] data, long offset) {

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
}
