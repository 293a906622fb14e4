package dev.oldbuffer.tck.run;

import dev.oldbuffer.tck.SpecAssertion;
import java.util.Optional;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;

/** Finds the {@link SpecAssertion} of the method behind a test, for both discovery and execution events. */
final class SpecMethods {

    private SpecMethods() {
    }

    static Optional<SpecAssertion> specAssertion(Optional<TestSource> source) {
        return source
                .filter(MethodSource.class::isInstance)
                .map(MethodSource.class::cast)
                .flatMap(m -> {
                    try {
                        return Optional.ofNullable(m.getJavaMethod().getAnnotation(SpecAssertion.class));
                    } catch (RuntimeException e) {
                        return Optional.empty(); // a method the class loader cannot resolve is not a spec method
                    }
                });
    }
}
