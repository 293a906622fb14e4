package dev.oldbuffer.tck.properties;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * One try of this property costs about as much as {@code value} tries of an ordinary one (a stateful property
 * runs a whole action sequence per try), so {@link PropertyHook} gives it that many times fewer tries.
 */
@API(status = STABLE, since = "0.1")
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TryCost {
    int value();
}
