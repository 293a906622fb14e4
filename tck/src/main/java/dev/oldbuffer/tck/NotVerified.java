package dev.oldbuffer.tck;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;
import org.opentest4j.TestAbortedException;

/**
 * An assertion no black-box test can decide (the catalogue marks it {@code testable: false} and says why): its
 * {@code untested_} method ends with this, and the assertion is reported as not verified - neither passed nor failed.
 */
@API(status = STABLE, since = "0.2")
public class NotVerified extends TestAbortedException {
    public NotVerified(String reason) {
        super("not verified: " + reason);
    }
}
