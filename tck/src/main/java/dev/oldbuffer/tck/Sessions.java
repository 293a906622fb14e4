package dev.oldbuffer.tck;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.spi.Implementations;
import dev.oldbuffer.spi.OldBufferRuntime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * The opened implementations of this JVM, one per configuration, shared by every test engine (Jupiter
 * specifications and jqwik properties), so that a child process starts once per run and not per class.
 * {@link dev.oldbuffer.tck.run.TckRunner} closes them when its run ends; a shutdown hook closes what a plain
 * Surefire run leaves open.
 */
@API(status = INTERNAL, since = "0.1")
public final class Sessions {

    private static final Map<TckConfig, Entry> OPEN = new LinkedHashMap<>();
    private static volatile TckConfig current;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Sessions::closeAll, "oldbuffer-sessions-close"));
    }

    private Sessions() {
    }

    /** Set by the runner for the duration of a launch, so that engines without configuration access agree. */
    public static void setCurrent(TckConfig config) {
        current = config;
    }

    /**
     * The configuration of this run: the runner's, else from the lookup (JUnit configuration parameters,
     * which fall back to system properties).
     */
    public static TckConfig config(Function<String, Optional<String>> lookup) {
        TckConfig c = current;
        return c != null ? c : TckConfig.from(lookup);
    }

    /** The configuration from system properties alone (for engines that have no configuration parameters). */
    public static TckConfig configFromSystemProperties() {
        return config(key -> Optional.ofNullable(System.getProperty(key)));
    }

    /**
     * The implementation for this configuration, opened on first use. A failure to open is remembered, so
     * that every test reports it without retrying a start that cannot work.
     */
    public static synchronized OldBufferRuntime runtime(TckConfig config) {
        Entry e = OPEN.computeIfAbsent(config, c -> new Entry());
        if (e.failure != null) {
            throw e.failure;
        }
        if (e.runtime == null) {
            try {
                e.runtime = Implementations.open(Implementations.find(config.implementation(),
                        Thread.currentThread().getContextClassLoader()), config.options(), config.profile());
            } catch (RuntimeException ex) {
                e.failure = ex;
                throw ex;
            }
        }
        return e.runtime;
    }

    /** Closes every opened implementation and forgets failures. */
    public static synchronized void closeAll() {
        for (Entry e : OPEN.values()) {
            if (e.runtime != null) {
                try {
                    e.runtime.close();
                } catch (RuntimeException ignored) {
                    // closing is best effort: a crashed child process is already gone
                }
            }
        }
        OPEN.clear();
    }

    private static final class Entry {
        OldBufferRuntime runtime;
        RuntimeException failure;
    }
}
