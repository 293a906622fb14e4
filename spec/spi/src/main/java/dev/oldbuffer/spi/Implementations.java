package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.apiguardian.api.API;

/** Finds providers with {@link ServiceLoader} and opens one by id with validated options. */
@API(status = STABLE, since = "0.1")
public final class Implementations {

    private Implementations() {
    }

    /** Every provider visible to the class loader, sorted by id. */
    public static List<RuntimeProvider> available(ClassLoader loader) {
        List<RuntimeProvider> found = new ArrayList<>();
        ServiceLoader.load(RuntimeProvider.class, loader).forEach(found::add);
        found.sort(Comparator.comparing(RuntimeProvider::id));
        return found;
    }

    public static List<RuntimeProvider> available() {
        return available(Thread.currentThread().getContextClassLoader());
    }

    /** The provider with this id; the exception lists the available ids. */
    public static RuntimeProvider find(String id, ClassLoader loader) {
        List<RuntimeProvider> all = available(loader);
        for (RuntimeProvider p : all) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        List<String> ids = all.stream().map(RuntimeProvider::id).toList();
        throw new ImplementationUnavailableException("unknown implementation '" + id + "'; available: "
                + (ids.isEmpty() ? "none (no dev.oldbuffer.spi.RuntimeProvider on the class path)" : String.join(", ", ids)));
    }

    /** Checks every option name against {@link RuntimeProvider#options()}, then opens for a run of {@code profile}. */
    public static OldBufferRuntime open(RuntimeProvider provider, Map<String, String> options, Profile profile) {
        TreeSet<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(provider.options().keySet());
        if (!unknown.isEmpty()) {
            throw new ImplementationUnavailableException("implementation '" + provider.id() + "' has no option "
                    + String.join(", ", unknown) + "; its options: "
                    + (provider.options().isEmpty() ? "none" : String.join(", ", new TreeSet<>(provider.options().keySet()))));
        }
        for (Map.Entry<String, String> o : options.entrySet()) {
            if (o.getValue().chars().anyMatch(Character::isISOControl)) {
                throw new ImplementationUnavailableException("option " + o.getKey() + " of implementation '" + provider.id()
                        + "' holds a control character (a line break, NUL, an escape); give it as plain text");
            }
        }
        return provider.open(new RuntimeRequest(options, profile));
    }

    /**
     * Parses {@code key=value,key=value} (the form of the {@code oldbuffer.options} property).
     *
     * @throws ImplementationUnavailableException for an entry without '='
     */
    public static Map<String, String> parseOptions(String text) {
        Map<String, String> options = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return options;
        }
        for (String entry : text.split(",")) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new ImplementationUnavailableException("option '" + entry.trim() + "' is not key=value");
            }
            options.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return options;
    }
}
