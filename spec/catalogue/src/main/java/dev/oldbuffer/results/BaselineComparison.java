package dev.oldbuffer.results;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A run held to its baseline: what moved, grouped. New failures and changed observations are regressions to look at;
 * a new pass is a change too (fail on it unless progress is allowed, so that the baseline is recorded again and the fix
 * cannot silently regress later); assertions new in the catalogue or no longer in it are reported and move nothing:
 * they are the kit's changes, not the implementation's.
 *
 * @param baseline    what was expected
 * @param now         what the run showed, as a baseline
 * @param newFailures a problem (failed, crashed, timed out) where the baseline had none
 * @param newPasses   passed where the baseline had anything else
 * @param changed     any other difference: another problem, the same problem observed differently, not applicable now
 * @param added       in the run, not in the baseline (new in the catalogue)
 * @param removed     in the baseline, not in the run (no longer in the catalogue)
 * @param unstable    differences in assertions the baseline marks unstable: listed, never counted as moved
 */
@API(status = STABLE, since = "0.2")
public record BaselineComparison(Baseline baseline, Baseline now, List<Change> newFailures, List<Change> newPasses,
                                 List<Change> changed, List<Change> added, List<Change> removed, List<Change> unstable) {

    /** One assertion that moved; {@code before} or {@code after} is null when it is new or gone. */
    public record Change(String id, Baseline.Entry before, Baseline.Entry after) {
        @Override
        public String toString() {
            return id + "  " + (before == null ? "(not in the baseline)" : describe(before)) + " -> "
                    + (after == null ? "(not in this run)" : describe(after));
        }

        private static String describe(Baseline.Entry e) {
            return e.observed().isEmpty() ? e.outcome().id() : e.outcome().id() + ": " + e.observed();
        }
    }

    /** Compares, assertion by assertion, whatever the order of the lines. */
    public static BaselineComparison of(Baseline baseline, Baseline now) {
        List<Change> failures = new ArrayList<>();
        List<Change> passes = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        List<Change> added = new ArrayList<>();
        List<Change> removed = new ArrayList<>();
        List<Change> unstable = new ArrayList<>();
        for (Baseline.Entry after : now.entries().values()) {
            Baseline.Entry before = baseline.entries().get(after.id());
            if (before == null) {
                added.add(new Change(after.id(), null, after));
            } else if (!before.equals(after) && baseline.unstable().contains(after.id())) {
                unstable.add(new Change(after.id(), before, after));
            } else if (!before.equals(after)) {
                Change c = new Change(after.id(), before, after);
                if (after.outcome().isProblem() && !before.outcome().isProblem()) {
                    failures.add(c);
                } else if (after.outcome() == Outcome.PASSED) {
                    passes.add(c);
                } else {
                    changed.add(c);
                }
            }
        }
        for (Baseline.Entry before : baseline.entries().values()) {
            if (!now.entries().containsKey(before.id())) {
                removed.add(new Change(before.id(), before, null));
            }
        }
        return new BaselineComparison(baseline, now, failures, passes, changed, added, removed, unstable);
    }

    /** Whether the run fails the comparison: a new failure or a changed observation, or a new pass unless progress is allowed. */
    public boolean moved(boolean allowProgress) {
        return !newFailures.isEmpty() || !changed.isEmpty() || (!allowProgress && !newPasses.isEmpty());
    }

    /** The comparison for a person: a headline, then each non-empty group with one line per assertion. */
    public String report(String baselineName, boolean allowProgress) {
        StringBuilder s = new StringBuilder();
        int changes = newFailures.size() + newPasses.size() + changed.size();
        s.append("compared with baseline ").append(baselineName).append(" (").append(baseline.runtime()).append(", ")
                .append(baseline.profile()).append(", seed ").append(baseline.seed()).append("): ")
                .append(changes == 0 ? "nothing moved" : changes + (changes == 1 ? " assertion moved" : " assertions moved"));
        if (!baseline.runtime().equals(now.runtime())) {
            s.append("; recorded on ").append(baseline.runtime()).append(", run on ").append(now.runtime());
        }
        s.append('\n');
        group(s, "new failures", newFailures);
        group(s, "new passes" + (allowProgress ? " (allowed)" : " (record the baseline again, or allow progress)"), newPasses);
        group(s, "changed observations", changed);
        group(s, "new in the catalogue (not compared)", added);
        group(s, "no longer in the catalogue (not compared)", removed);
        group(s, "unstable in the baseline (not compared)", unstable);
        return s.toString();
    }

    private static void group(StringBuilder s, String title, List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        s.append(title).append(" (").append(changes.size()).append("):\n");
        changes.forEach(c -> s.append("  ").append(c).append('\n'));
    }
}
