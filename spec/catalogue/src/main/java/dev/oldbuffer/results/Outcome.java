package dev.oldbuffer.results;

import static org.apiguardian.api.API.Status.STABLE;

import com.fasterxml.jackson.annotation.JsonValue;
import org.apiguardian.api.API;

/**
 * The outcome of one assertion on one implementation and profile. Kept distinct everywhere: a missing
 * feature is never a pass, a crash is never an ordinary failure.
 */
@API(status = STABLE, since = "0.1")
public enum Outcome {
    /** Every test of the assertion passed. */
    PASSED("passed"),
    /** A test found behaviour that contradicts the assertion. */
    FAILED("failed"),
    /** The implementation crashed (signal, abort) while a test of the assertion ran. */
    CRASHED("crashed"),
    /** The implementation did not answer in time while a test of the assertion ran. */
    TIMED_OUT("timed_out"),
    /** The implementation lacks a feature the assertion's tests need. */
    NOT_APPLICABLE("not_applicable"),
    /** No black-box test can decide the assertion (the catalogue says why): neither passed nor failed. */
    NOT_VERIFIED("not_verified");

    private final String id;

    Outcome(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** True for the outcomes that make a run non-conforming. */
    public boolean isProblem() {
        return this == FAILED || this == CRASHED || this == TIMED_OUT;
    }

    /**
     * Combines two tests' outcomes for one assertion: any problem wins (crash and time-out over failure),
     * then passed, then not verified, then not applicable.
     */
    public Outcome and(Outcome other) {
        return rank() >= other.rank() ? this : other;
    }

    private int rank() {
        return switch (this) {
            case NOT_APPLICABLE -> 0;
            case NOT_VERIFIED -> 1;
            case PASSED -> 2;
            case FAILED -> 3;
            case TIMED_OUT -> 4;
            case CRASHED -> 5;
        };
    }

    /** For messages: {@code not applicable}, {@code timed out}. */
    public String label() {
        return id.replace('_', ' ');
    }

    public static Outcome ofId(String id) {
        for (Outcome o : values()) {
            if (o.id.equals(id)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown outcome '" + id + "'");
    }
}
