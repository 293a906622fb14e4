package dev.oldbuffer.tck.arbitraries;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.Fixture;
import java.util.EnumSet;
import java.util.Set;
import org.apiguardian.api.API;

/** The optional features an implementation needs to build a recipe, so that properties can skip the others. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class FixtureFeatures {

    private FixtureFeatures() {
    }

    public static Set<Feature> needed(Fixture fixture) {
        Set<Feature> needed = EnumSet.noneOf(Feature.class);
        collect(fixture, needed);
        return needed;
    }

    private static void collect(Fixture f, Set<Feature> needed) {
        if (f instanceof Fixture.ArrayOf) {
            needed.add(Feature.ARRAY_MODULE);
        } else if (f instanceof Fixture.Exporter) {
            needed.add(Feature.CONFIGURABLE_EXPORTER);
        } else if (f instanceof Fixture.MemoryView m) {
            collect(m.base(), needed);
        } else if (f instanceof Fixture.Sliced s) {
            collect(s.view(), needed);
        } else if (f instanceof Fixture.Cast c) {
            needed.add(Feature.MEMORYVIEW_CAST);
            collect(c.view(), needed);
        } else if (f instanceof Fixture.ReadOnly r) {
            collect(r.view(), needed);
        } else if (f instanceof Fixture.Released r) {
            collect(r.view(), needed);
        }
    }
}
