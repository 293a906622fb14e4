package dev.oldbuffer.reference;

import static org.apiguardian.api.API.Status.STABLE;

import dev.oldbuffer.spi.ImplementationUnavailableException;
import dev.oldbuffer.spi.OldBufferRuntime;
import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.spi.RuntimeProvider;
import dev.oldbuffer.spi.RuntimeRequest;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Makes the Java model selectable as {@code reference}. It models the behaviour of the run's profile, so that it
 * conforms to whatever profile is checked; the option {@value #MODEL} picks another (e.g. {@code -o model=documented}
 * under the cpython profile shows where the page and CPython part ways).
 */
@API(status = STABLE, since = "0.1")
public final class ReferenceProvider implements RuntimeProvider {

    public static final String ID = "reference";
    public static final String MODEL = "model";

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
        return Map.of(MODEL, "documented or cpython: which profile's behaviour the model reproduces (default: the run's profile)");
    }

    @Override
    public OldBufferRuntime open(RuntimeRequest request) {
        String model = request.options().get(MODEL);
        try {
            return ReferenceRuntime.of(model == null ? request.profile() : Profile.ofId(model));
        } catch (IllegalArgumentException e) {
            throw new ImplementationUnavailableException("implementation 'reference', option " + MODEL + ": " + e.getMessage());
        }
    }
}
