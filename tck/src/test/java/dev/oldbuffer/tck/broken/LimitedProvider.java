package dev.oldbuffer.tck.broken;

import dev.oldbuffer.reference.ReferenceRuntime;
import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.OldBufferRuntime;
import dev.oldbuffer.spi.RuntimeRequest;
import java.util.Set;

/**
 * {@code limited}: the reference implementation declaring none of the optional features, as a runtime that can
 * only build plain objects and call the functions would. What needs a feature must come out not applicable,
 * never failed and never passed.
 */
public final class LimitedProvider extends ReferenceVariant {

    public LimitedProvider() {
        super("limited", "reference implementation without any optional feature");
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
