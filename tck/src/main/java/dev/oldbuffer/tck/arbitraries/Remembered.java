package dev.oldbuffer.tck.arbitraries;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.ShrinkingDistance;
import org.apiguardian.api.API;

/**
 * An arbitrary whose samples make their value once. A jqwik shrinkable makes its value again each time it is asked
 * (a combined or mapped one calls its function every time), and a filter asks before the property does: a filtered
 * recipe was built twice per try, its contents (up to 64 KiB, made from a pattern and a seed) allocated and filled twice.
 * Remembering is sound for values nobody changes, as the kit's recipes (records that copy their arrays); the samples,
 * their order and their shrinking are the wrapped arbitrary's.
 */
@API(status = INTERNAL, since = "0.1")
public final class Remembered<T> extends Wrapping<T> {

    private Remembered(Arbitrary<T> of) {
        super(of);
    }

    /** {@code of}, its samples making their value once. */
    public static <T> Arbitrary<T> valuesOf(Arbitrary<T> of) {
        return new Remembered<>(of);
    }

    @Override
    public RandomGenerator<T> generator(int genSize) {
        return remembering(of.generator(genSize));
    }

    @Override
    public RandomGenerator<T> generator(int genSize, boolean withEdgeCases) {
        return remembering(of.generator(genSize, withEdgeCases));
    }

    @Override
    public RandomGenerator<T> generatorWithEmbeddedEdgeCases(int genSize) {
        return remembering(of.generatorWithEmbeddedEdgeCases(genSize));
    }

    private static <T> RandomGenerator<T> remembering(RandomGenerator<T> generator) {
        return random -> new Sample<>(generator.next(random));
    }

    /** A shrinkable that asks the one it wraps for its value once; its shrinks and growths remember theirs too. */
    private static final class Sample<T> implements Shrinkable<T> {
        private final Shrinkable<T> of;
        private T value;
        private boolean made;

        Sample(Shrinkable<T> of) {
            this.of = of;
        }

        @Override
        public T value() {
            if (!made) {
                value = of.value();
                made = true;
            }
            return value;
        }

        @Override
        public Stream<Shrinkable<T>> shrink() {
            return of.shrink().map(Sample::new);
        }

        @Override
        public Optional<Shrinkable<T>> grow(Shrinkable<?> before, Shrinkable<?> after) {
            return of.grow(unwrapped(before), unwrapped(after)).map(Sample::new);
        }

        @Override
        public Stream<Shrinkable<T>> grow() {
            return of.grow().map(Sample::new);
        }

        @Override
        public ShrinkingDistance distance() {
            return of.distance();
        }

        private static Shrinkable<?> unwrapped(Shrinkable<?> s) {
            return s instanceof Sample<?> sample ? sample.of : s;
        }
    }
}
