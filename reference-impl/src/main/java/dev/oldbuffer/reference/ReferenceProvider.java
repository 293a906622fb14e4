package dev.oldbuffer.reference;

import static org.apiguardian.api.API.Status.STABLE;

import dev.oldbuffer.spi.Implementations;
import dev.oldbuffer.spi.OldBufferRuntime;
import dev.oldbuffer.spi.RuntimeProvider;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Makes the Java model selectable as {@code reference}. Its option {@code profile} picks which behaviour it
 * models; the kit passes the run's profile when the user gives none, so the model conforms to whatever
 * profile is checked unless told otherwise (e.g. {@code -o profile=documented} under the cpython profile shows
 * where the page and CPython part ways).
 */
@API(status = STABLE, since = "0.1")
public final class ReferenceProvider implements RuntimeProvider {

    public static final String ID = "reference";
    public static final String PROFILE = Implementations.PROFILE_OPTION;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Java model of CPython's buffer protocol and the old buffer API (no interpreter needed)";
    }

    @Override
    public Map<String, String> options() {
        return Map.of(PROFILE, "documented or cpython: which profile's behaviour the model reproduces (default: the run's profile)");
    }

    @Override
    public OldBufferRuntime open(Map<String, String> options) {
        Flavour flavour = Flavour.ofOption(options.getOrDefault(PROFILE, Flavour.DOCUMENTED.id()));
        return ReferenceRuntime.of(flavour);
    }
}
