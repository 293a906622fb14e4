package dev.oldbuffer.tck.assertions;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.oldbuffer.results.Failure;
import org.apiguardian.api.API;

/** An exception of the kit that carries its failure as fields. */
@API(status = INTERNAL, since = "0.2")
public interface HasFailure {
    Failure failure();
}
