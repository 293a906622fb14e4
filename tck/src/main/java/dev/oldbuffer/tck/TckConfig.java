package dev.oldbuffer.tck;

import static org.apiguardian.api.API.Status.STABLE;

import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.spi.Implementations;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * The run's configuration, read from JUnit configuration parameters (which fall back to system properties,
 * so {@code -Doldbuffer.implementation=...} works from Surefire).
 *
 * @param implementation the provider id ({@value #IMPLEMENTATION}, default {@code reference})
 * @param options        the provider options ({@value #OPTIONS}: {@code key=value,key=value})
 * @param profile        {@value #PROFILE}: {@code documented} (default) or {@code cpython}
 */
@API(status = STABLE, since = "0.1")
public record TckConfig(String implementation, Map<String, String> options, Profile profile) {

    public static final String IMPLEMENTATION = "oldbuffer.implementation";
    public static final String OPTIONS = "oldbuffer.options";
    public static final String PROFILE = "oldbuffer.profile";

    public TckConfig {
        options = Map.copyOf(options);
    }

    /** Reads the configuration from a lookup such as {@code ExtensionContext::getConfigurationParameter}. */
    public static TckConfig from(Function<String, Optional<String>> lookup) {
        String implementation = lookup.apply(IMPLEMENTATION).orElse("reference");
        Map<String, String> options = Implementations.parseOptions(lookup.apply(OPTIONS).orElse(""));
        Profile profile = Profile.ofId(lookup.apply(PROFILE).orElse(Profile.DOCUMENTED.id()));
        return new TckConfig(implementation, options, profile);
    }

    /** The options in {@value #OPTIONS} form. */
    public String optionsText() {
        return String.join(",", options.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList());
    }
}
