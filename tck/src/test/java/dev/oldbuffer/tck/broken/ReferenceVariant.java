package dev.oldbuffer.tck.broken;

import dev.oldbuffer.spi.RuntimeProvider;
import java.util.Map;

/**
 * A provider for the kit's own tests: the reference implementation with one thing changed, selectable by its id
 * (registered in the test resources' {@code META-INF/services}), without options.
 */
public abstract class ReferenceVariant implements RuntimeProvider {

    private final String id;
    private final String description;

    protected ReferenceVariant(String id, String description) {
        this.id = id;
        this.description = description;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Map<String, String> options() {
        return Map.of();
    }
}
