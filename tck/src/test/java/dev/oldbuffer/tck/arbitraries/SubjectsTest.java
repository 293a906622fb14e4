package dev.oldbuffer.tck.arbitraries;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oldbuffer.tck.Subject;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.ExhaustiveGenerator;
import net.jqwik.api.Example;

/**
 * {@code @ForAll Subject} must leave every other parameter's samples as they were when the subject was a resolved
 * parameter: the baselines record the samples a seed gives.
 */
class SubjectsTest {

    @Example
    void theSubjectsGeneratorDrawsNothingFromTheRandomSource() {
        for (int genSize : new int[] {1, 100, 700, 1000, 7000}) {
            for (boolean withEdgeCases : new boolean[] {false, true}) {
                assertThat(draws(new OldBufferDomain().subjects(), genSize, withEdgeCases))
                        .as("genSize %d, edge cases %s", genSize, withEdgeCases).isFalse();
            }
        }
    }

    /** Why the subject has its own arbitrary: jqwik's with edge cases mixed in draws a number for every sample. */
    @Example
    void aCreatedValueWithItsEdgeCaseMixedInDraws() {
        assertThat(draws(Arbitraries.create(() -> "value"), 1000, true)).isTrue();
    }

    @Example
    void theSubjectHasOneEdgeCaseAndOneValueToExhaust() {
        Arbitrary<Subject> subjects = new OldBufferDomain().subjects();
        assertThat(subjects.edgeCases(1000).size()).isEqualTo(1);
        assertThat(subjects.exhaustive(10)).map(ExhaustiveGenerator::maxCount).contains(1L);
    }

    private static boolean draws(Arbitrary<?> arbitrary, int genSize, boolean withEdgeCases) {
        RandomGenerator<?> generator = arbitrary.generator(genSize, withEdgeCases);
        Random random = new Random(20261127);
        for (int i = 0; i < 200; i++) {
            generator.next(random);   // the shrinkable only: its value would need a property's run
        }
        return random.nextLong() != new Random(20261127).nextLong();
    }
}
