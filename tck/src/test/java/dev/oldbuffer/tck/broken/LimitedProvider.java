package dev.oldbuffer.tck.broken;

import dev.oldbuffer.reference.ReferenceRuntime;
import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.OldBufferRuntime;
import dev.oldbuffer.spi.RuntimeProvider;
import dev.oldbuffer.spi.RuntimeRequest;
import java.util.Map;
import java.util.Set;

/**
 * {@code limited}: the reference implementation declaring none of the optional features, as a runtime that can
 * only build plain objects and call the functions would. What needs a feature must come out not applicable,
 * never failed and never passed.
 */
public final class LimitedProvider implements RuntimeProvider {

    @Override
    public String id() {
        return "limited";
    }

    @Override
    public String description() {
        return "reference implementation without any optional feature";
    }

    @Override
    public Map<String, String> options() {
        return Map.of();
    }

    /** Models the run's profile. */
    @Override
    public OldBufferRuntime open(RuntimeRequest request) {
        return new ReferenceRuntime(ReferenceRuntime.functionsOf(request.profile())) {
            @Override
            public Set<Feature> features() {
                return Set.of();
            }
        };
    }
}
