package dev.oldbuffer.tck;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;
import org.opentest4j.TestAbortedException;

/** A specification cannot run on this implementation (a feature is missing): reported as not applicable. */
@API(status = STABLE, since = "0.1")
public class NotApplicable extends TestAbortedException {
    public NotApplicable(String reason) {
        super("not applicable: " + reason);
    }
}
