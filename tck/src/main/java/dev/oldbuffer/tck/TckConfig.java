package dev.oldbuffer.tck;

import static org.apiguardian.api.API.Status.STABLE;

import dev.oldbuffer.spi.Implementations;
import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.tck.properties.PropertySettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * The one configuration of a run, for both engines: which implementation, its options, the profile, and how hard the
 * properties try. It travels as JUnit configuration parameters ({@link #toParameters()}), which fall back to system
 * properties, so {@code -Doldbuffer.implementation=...} works from Surefire; {@link TckRun} reads it once per run.
 *
 * @param implementation the provider id ({@value #IMPLEMENTATION}, default {@code reference})
 * @param options        the provider options ({@value #OPTIONS}: {@code key=value,key=value})
 * @param profile        {@value #PROFILE}: {@code documented} (default) or {@code cpython}
 * @param properties     tries, thoroughness and seed of the property-based specifications
 */
@API(status = STABLE, since = "0.1")
public record TckConfig(String implementation, Map<String, String> options, Profile profile, PropertySettings properties) {

    public static final String IMPLEMENTATION = "oldbuffer.implementation";
    public static final String OPTIONS = "oldbuffer.options";
    public static final String PROFILE = "oldbuffer.profile";

    public TckConfig {
        options = Map.copyOf(options);
    }

    /** A configuration whose properties try as often as by default, with a seed of their own. */
    public TckConfig(String implementation, Map<String, String> options, Profile profile) {
        this(implementation, options, profile, PropertySettings.DEFAULTS);
    }

    /** Reads the configuration from a lookup such as JUnit's configuration parameters. */
    public static TckConfig from(Function<String, Optional<String>> lookup) {
        String implementation = lookup.apply(IMPLEMENTATION).orElse("reference");
        Map<String, String> options = Implementations.parseOptions(lookup.apply(OPTIONS).orElse(""));
        Profile profile = Profile.ofId(lookup.apply(PROFILE).orElse(Profile.DOCUMENTED.id()));
        return new TckConfig(implementation, options, profile, PropertySettings.from(lookup));
    }

    /** The same run with other property settings. */
    public TckConfig with(PropertySettings settings) {
        return new TckConfig(implementation, options, profile, settings);
    }

    /** The configuration as JUnit configuration parameters, which {@link #from} reads back. */
    public Map<String, String> toParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(IMPLEMENTATION, implementation);
        p.put(OPTIONS, optionsText());
        p.put(PROFILE, profile.id());
        p.putAll(properties.toParameters());
        return p;
    }

    /** The options in {@value #OPTIONS} form. */
    public String optionsText() {
        return String.join(",", options.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList());
    }
}
