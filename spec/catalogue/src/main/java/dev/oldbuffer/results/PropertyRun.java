package dev.oldbuffer.results;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * How a property found its failure, and how to find it again.
 *
 * @param seed           the seed of the run (rerun with it to get the same tries)
 * @param tries          the tries made before the property was falsified
 * @param checks         the tries that were checked (not discarded)
 * @param shrinkingSteps the steps that made the sample smaller
 * @param sample         the shrunk sample, as a person reads it
 * @param shrinkingBound why shrinking stopped early, when the kit's bound stopped it; empty when it ended by itself
 */
@API(status = STABLE, since = "0.2")
public record PropertyRun(String seed, int tries, int checks, int shrinkingSteps, String sample, String shrinkingBound) {
    public PropertyRun {
        seed = seed == null ? "" : seed;
        sample = sample == null ? "" : sample;
        shrinkingBound = shrinkingBound == null ? "" : shrinkingBound;
    }
}
