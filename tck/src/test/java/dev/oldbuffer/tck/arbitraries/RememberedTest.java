package dev.oldbuffer.tck.arbitraries;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.Example;

class RememberedTest {

    @Example
    void aSampleMakesItsValueOnce() {
        AtomicInteger made = new AtomicInteger();
        Arbitrary<List<Integer>> lists = Arbitraries.integers().between(0, 1000).list().ofMaxSize(20)
                .map(l -> { made.incrementAndGet(); return l; });
        Shrinkable<List<Integer>> sample = Remembered.valuesOf(lists).generator(100).next(new Random(7));
        List<Integer> first = sample.value();
        assertThat(sample.value()).isSameAs(first);
        assertThat(made).hasValue(1);
        assertThat(first).isEqualTo(lists.generator(100).next(new Random(7)).value());
    }

    /** Shrinking, and so every shrunk sample of a baseline, is the wrapped arbitrary's: the same candidates in order. */
    @Example
    void shrinksAsTheArbitraryItWraps() {
        Arbitrary<List<Integer>> lists = Arbitraries.integers().between(-1000, 1000).list().ofMaxSize(20);
        for (long seed = 1; seed <= 20; seed++) {
            Shrinkable<List<Integer>> plain = lists.generator(100, true).next(new Random(seed));
            Shrinkable<List<Integer>> kept = Remembered.valuesOf(lists).generator(100, true).next(new Random(seed));
            for (int step = 0; step < 5; step++) {
                assertThat(kept.value()).isEqualTo(plain.value());
                assertThat(kept.distance()).isEqualTo(plain.distance());
                List<Shrinkable<List<Integer>>> plainCandidates = plain.shrink().limit(30).toList();
                List<Shrinkable<List<Integer>>> keptCandidates = kept.shrink().limit(30).toList();
                assertThat(keptCandidates.stream().map(Shrinkable::value).toList())
                        .isEqualTo(plainCandidates.stream().map(Shrinkable::value).toList());
                if (plainCandidates.isEmpty()) {
                    break;
                }
                plain = plainCandidates.get(plainCandidates.size() - 1);
                kept = keptCandidates.get(keptCandidates.size() - 1);
            }
        }
    }
}
