package dev.oldbuffer.tck.arbitraries;

import static org.apiguardian.api.API.Status.INTERNAL;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import org.apiguardian.api.API;

/**
 * An arbitrary that keeps the generator it last made, and is otherwise the arbitrary it wraps. jqwik asks a stateful
 * chain's step for a new generator every step ({@code ShrinkableChain} calls {@code generator(genSize)}), and
 * {@code Combinators.combine} asks each of its parts in turn, so a part made once, such as {@code Arbitraries.longs()},
 * built its biased partitions (BigInteger divisions) again for every step: 4% of a reference run. A generator is a
 * function of the Random it is given, as jqwik's own memoization assumes, so keeping one changes no sample.
 */
@API(status = INTERNAL, since = "0.1")
public final class Kept<T> extends Wrapping<T> {
    /** The generator last made, with the size it was made for. */
    private volatile Made<T> made;

    private record Made<T>(int genSize, RandomGenerator<T> generator) { }

    private Kept(Arbitrary<T> of) {
        super(of);
    }

    /** {@code of}, keeping the generator it makes for a size until asked for another size. */
    public static <T> Arbitrary<T> generatorOf(Arbitrary<T> of) {
        return new Kept<>(of);
    }

    @Override
    public RandomGenerator<T> generator(int genSize) {
        Made<T> last = made;
        if (last == null || last.genSize() != genSize) {
            made = last = new Made<>(genSize, of.generator(genSize));
        }
        return last.generator();
    }

    @Override
    public RandomGenerator<T> generatorWithEmbeddedEdgeCases(int genSize) {
        return of.generatorWithEmbeddedEdgeCases(genSize);
    }
}
