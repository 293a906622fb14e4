package dev.oldbuffer.tck;

import static org.apiguardian.api.API.Status.STABLE;

import dev.oldbuffer.spi.Feature;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/** Features a test cannot run without; when one is missing the test reports "not applicable". */
@API(status = STABLE, since = "0.1")
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresFeature {
    Feature[] value();
}
