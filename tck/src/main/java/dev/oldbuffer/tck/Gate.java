package dev.oldbuffer.tck;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.catalogue.Assertion;
import dev.oldbuffer.catalogue.Catalogue;
import dev.oldbuffer.spi.Feature;
import dev.oldbuffer.spi.OldBufferRuntime;
import dev.oldbuffer.spi.Profile;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Whether a specification method runs, the one rule for Jupiter specifications, jqwik properties and the runner's
 * discovery filter alike: a method whose assertions all belong to other profiles is left out; one that names an id
 * the catalogue lacks runs, so that it fails and says so; one that needs a feature the implementation lacks is not
 * applicable.
 */
@API(status = INTERNAL, since = "0.2")
public final class Gate {

    private Gate() {
    }

    /** Why the method is left out of a run of {@code profile}; empty when it runs. */
    public static Optional<String> outsideProfile(SpecAssertion ids, Profile profile) {
        List<Optional<Assertion>> named = Arrays.stream(ids.value()).map(id -> Catalogue.bundled().find(id)).toList();
        boolean runs = named.stream().anyMatch(a -> a.isEmpty() || a.get().appliesTo(profile));
        return runs ? Optional.empty() : Optional.of("assertion " + ids.value()[0] + " is not part of profile " + profile);
    }

    /** {@link #outsideProfile(SpecAssertion, Profile)} for a method; a method without {@link SpecAssertion} runs. */
    public static Optional<String> outsideProfile(Method method, Profile profile) {
        SpecAssertion ids = method.getAnnotation(SpecAssertion.class);
        return ids == null ? Optional.empty() : outsideProfile(ids, profile);
    }

    /**
     * The catalogue entries a specification method checks.
     *
     * @throws IllegalStateException when it has no {@link SpecAssertion} or names an id the catalogue lacks
     */
    public static List<Assertion> assertionsOf(Method method) {
        SpecAssertion ids = method.getAnnotation(SpecAssertion.class);
        if (ids == null) {
            throw new IllegalStateException(method.getName() + " has no @SpecAssertion");
        }
        List<Assertion> out = new ArrayList<>();
        for (String id : ids.value()) {
            out.add(Catalogue.bundled().find(id).orElseThrow(() -> new IllegalStateException(method.getName()
                    + " names assertion '" + id + "', which is not in the catalogue")));
        }
        return out;
    }

    /** Not applicable, when the implementation lacks a feature the method's {@link RequiresFeature} names. */
    public static Optional<NotApplicable> missingFeatures(Method method, OldBufferRuntime runtime) {
        RequiresFeature required = method.getAnnotation(RequiresFeature.class);
        if (required == null) {
            return Optional.empty();
        }
        Set<Feature> missing = EnumSet.noneOf(Feature.class);
        missing.addAll(Arrays.asList(required.value()));
        missing.removeAll(runtime.features());
        return missing.isEmpty() ? Optional.empty() : Optional.of(new NotApplicable(runtime.info() + " lacks "
                + missing.stream().map(Enum::name).collect(Collectors.joining(", "))));
    }
}
