package dev.oldbuffer.tck.arbitraries;

import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCases;
import net.jqwik.api.ExhaustiveGenerator;

/** An arbitrary that changes how another one's generators are made or used, and is otherwise that arbitrary. */
abstract class Wrapping<T> implements Arbitrary<T> {
    protected final Arbitrary<T> of;

    Wrapping(Arbitrary<T> of) {
        this.of = of;
    }

    @Override
    public Optional<ExhaustiveGenerator<T>> exhaustive(long maxNumberOfSamples) {
        return of.exhaustive(maxNumberOfSamples);
    }

    @Override
    public EdgeCases<T> edgeCases(int maxEdgeCases) {
        return of.edgeCases(maxEdgeCases);
    }
}
