package dev.oldbuffer.catalogue;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a conforming implementation shows under one profile, where the profiles differ: the catalogue's
 * {@code expected} mapping of an entry, one of these per profile. Each field is present only when the entry names it.
 *
 * @param error        one exception type that every refusal sets, e.g. {@code TypeError}
 * @param errorByCause the exception type per cause of a refusal; {@link #RAISED} stands for the type the exporter
 *                     itself raised. Empty when {@code error} is given.
 * @param presetError  what becomes of an error that was set before the call
 */
@API(status = STABLE, since = "0.2")
public record Expected(Optional<String> error, Map<RefusalCause, String> errorByCause, Optional<PresetError> presetError) {

    /** In {@link #errorByCause()}: whatever the exporter raised is passed on. */
    public static final String RAISED = "raised";

    public Expected {
        errorByCause = Map.copyOf(errorByCause);
    }

    /**
     * The exception type a refusal for {@code cause} sets.
     *
     * @param raised the type the exporter raised, for {@link #RAISED}
     * @throws IllegalStateException when the entry names no error type for the cause
     */
    public String errorFor(RefusalCause cause, Optional<String> raised) {
        if (error.isPresent()) {
            return error.get();
        }
        String type = errorByCause.get(cause);
        if (type == null) {
            throw new IllegalStateException("the expected outcome names no error type for cause '" + cause.key() + "'");
        }
        return type.equals(RAISED) ? raised.orElseThrow(() -> new IllegalStateException("cause '" + cause.key()
                + "' passes on what the exporter raised, but nothing was raised")) : type;
    }

    /** The fate of an error set before a call ({@code preset-error} in the catalogue). */
    public enum PresetError {
        /** Left in place, whatever the answer. */
        KEPT("kept"),
        /** Left in place, except when the exporter refuses the view: then cleared with the exporter's error. */
        CLEARED_ON_REFUSAL("cleared-on-refusal");

        private final String key;

        PresetError(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static PresetError ofKey(String key) {
            for (PresetError p : values()) {
                if (p.key.equals(key)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown preset-error fate '" + key + "'; known: "
                    + String.join(", ", Arrays.stream(values()).map(PresetError::key).toList()));
        }
    }
}
