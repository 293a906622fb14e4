package dev.oldbuffer.results;

import static org.apiguardian.api.API.Status.STABLE;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Why an assertion did not pass, as fields: what reports, baselines and the matrix read (never the message text).
 *
 * @param kind       what went wrong
 * @param check      what the kit checked, in the words of its messages ({@code return}, {@code set buffer_len to},
 *                   {@code build}, the name of a stateful invariant); empty for crashes, time-outs and errors
 * @param expected   what a conforming implementation shows; empty where the kit states no single value
 * @param observed   what the kit saw; its first line identifies the behaviour ({@link #summary()}). Never empty.
 * @param call       the call that showed it, as a transcript line, or the object a refused step was about; may be empty
 * @param transcript every operation of the failing test (or of a property's last failing try), one per line; may be empty
 * @param property   for a property: its seed, tries and shrunk sample; null for an example-based test
 */
@API(status = STABLE, since = "0.2")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Failure(Kind kind, String check, String expected, String observed, String call, String transcript,
                      PropertyRun property) {

    /**
     * The check of the bytes at a returned address. When it fails, what was read there is whatever the wrong address
     * held - no run reads it again - so a baseline records that it failed, not the bytes.
     */
    public static final String MEMORY_CHECK = "point at memory holding";

    public Failure {
        Objects.requireNonNull(kind, "kind");
        check = check == null ? "" : check;
        expected = expected == null ? "" : expected;
        observed = observed == null || observed.isBlank() ? "(nothing)" : observed;
        call = call == null ? "" : call;
        transcript = transcript == null ? "" : transcript;
    }

    /** What went wrong. */
    public enum Kind {
        /** A check on what the implementation did failed: a call's answer, memory, an export, the model of a stateful run. */
        VIOLATION("violation"),
        /** A step around the call (building the object, reading its content, storing through it) was refused. */
        REFUSED_STEP("refused-step"),
        /** The implementation crashed. */
        CRASH("crash"),
        /** The implementation did not answer in time. */
        TIMEOUT("timeout"),
        /** An exception the kit did not expect, from the implementation or from the kit itself. */
        ERROR("error");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }
    }

    /**
     * The failure in one line, for a person: "expected X, was Y" for a violation with an expected value, "could not
     * build it: Y" for a refused step, else what was observed.
     */
    public String headline() {
        if (kind == Kind.REFUSED_STEP) {
            return "could not " + check + " it: " + summary();
        }
        if (kind == Kind.VIOLATION && !expected.isEmpty()) {
            return "expected " + expected.lines().findFirst().orElse("").strip() + ", was " + summary();
        }
        return summary();
    }

    /** The first line of what was observed: one line that tells this behaviour from another. */
    public String summary() {
        return observed.lines().findFirst().orElse("").strip();
    }

    /** The same failure, with the transcript of what the test did. */
    public Failure withTranscript(String text) {
        return new Failure(kind, check, expected, observed, call, text, property);
    }

    /** The same failure, found by a property run. */
    public Failure withProperty(PropertyRun run) {
        return new Failure(kind, check, expected, observed, call, transcript, run);
    }
}
