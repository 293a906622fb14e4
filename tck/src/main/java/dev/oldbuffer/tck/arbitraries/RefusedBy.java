package dev.oldbuffer.tck.arbitraries;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.oldbuffer.spi.Function;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * On a {@code @ForAll Fixture} parameter: only objects a correct implementation of the function refuses
 * (no buffer interface, a refusing exporter, a released or non-contiguous view, read-only data for
 * {@code AsWriteBuffer}), as the recipe's layout says.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
public @interface RefusedBy {
    Function value();
}
