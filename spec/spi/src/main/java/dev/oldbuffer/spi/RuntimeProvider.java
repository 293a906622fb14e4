package dev.oldbuffer.spi;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * Makes an implementation known to the kit. Register it in
 * {@code META-INF/services/dev.oldbuffer.spi.RuntimeProvider}.
 */
@API(status = STABLE, since = "0.1")
public interface RuntimeProvider {

    /** A short stable id used to select it, e.g. {@code reference}; lower case, no spaces. */
    String id();

    /** One line for listings. */
    String description();

    /** The options {@link #open} accepts, name to one-line help; others are refused before opening. */
    Map<String, String> options();

    /**
     * Starts an implementation for a run.
     *
     * @param request the options (validated against {@link #options()}) and the run's profile; never null
     * @throws ImplementationUnavailableException when it cannot start (missing interpreter, headers, a bad option
     *         value...), with a message that says what is missing and how to get it
     */
    OldBufferRuntime open(RuntimeRequest request);
}
