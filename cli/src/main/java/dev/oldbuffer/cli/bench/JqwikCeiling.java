package dev.oldbuffer.cli.bench;

import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * The library's own ceiling: a property as cheap as jqwik allows over what the kit's objects are made of (byte arrays of
 * at most 64 bytes). {@code oldbuffer-tck bench} runs it beside the kit; nothing else selects this package.
 */
public class JqwikCeiling {

    /** Cases checked, for the benchmark to count as it counts the kit's. */
    public static final AtomicLong CASES = new AtomicLong();

    @Property
    boolean aByteArrayIsNoLongerThanItsBound(@ForAll @Size(max = 64) byte[] bytes) {
        CASES.incrementAndGet();
        return bytes.length <= 64;
    }
}
