package dev.oldbuffer.tck;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * The catalogue assertion(s) a test checks. The build fails when a testable assertion has no such test or
 * a test names an id the catalogue does not have.
 */
@API(status = STABLE, since = "0.1")
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SpecAssertion {
    /** Catalogue ids, e.g. {@code "char03"}. */
    String[] value();
}
