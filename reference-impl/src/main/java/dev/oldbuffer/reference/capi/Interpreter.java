package dev.oldbuffer.reference.capi;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.reference.memory.AddressSpace;
import org.apiguardian.api.API;

/**
 * What C code implicitly has at hand while a function runs: the thread state (error indicator), the references
 * views hold, and the process memory (so that a variant can allocate, e.g. to hand out a copy instead of the object's memory).
 */
@API(status = INTERNAL, since = "0.1")
public record Interpreter(ThreadState threadState, AddressSpace memory, References references) {

    public static Interpreter fresh() {
        return new Interpreter(new ThreadState(), new AddressSpace(), new References());
    }
}
