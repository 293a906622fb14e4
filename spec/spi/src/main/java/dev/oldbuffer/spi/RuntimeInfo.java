package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * Identity of a running implementation, stamped on every result set.
 *
 * @param name    e.g. {@code CPython}, {@code PyPy}, {@code reference}
 * @param version e.g. {@code 3.12.1}
 * @param details free-form facts worth recording (interpreter path, build, flavour); never null
 */
@API(status = STABLE, since = "0.1")
public record RuntimeInfo(String name, String version, Map<String, String> details) {
    public RuntimeInfo {
        details = Map.copyOf(details);
    }

    @Override
    public String toString() {
        return name + " " + version;
    }
}
