package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What the kit hands a provider when it opens an implementation for a run. A record, so that the kit can tell
 * providers more in a later version without breaking the ones written against this one.
 *
 * @param options the user's options, already checked against {@link RuntimeProvider#options()}; never null
 * @param profile the profile the run checks; an implementation that models several behaviours (the reference
 *                implementation does) may pick the one to show by it, a real runtime ignores it. Never null.
 */
@API(status = STABLE, since = "0.2")
public record RuntimeRequest(Map<String, String> options, Profile profile) {
    public RuntimeRequest {
        options = Map.copyOf(options);
        Objects.requireNonNull(profile, "profile");
    }
}
