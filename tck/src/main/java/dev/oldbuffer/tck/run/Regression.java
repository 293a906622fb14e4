package dev.oldbuffer.tck.run;

import static org.apiguardian.api.API.Status.STABLE;

import dev.oldbuffer.catalogue.Catalogue;
import dev.oldbuffer.results.Baseline;
import dev.oldbuffer.results.BaselineComparison;
import dev.oldbuffer.results.BaselineException;
import dev.oldbuffer.results.RunResult;
import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.tck.properties.PropertySettings;
import org.apiguardian.api.API;

/**
 * The regression suite, one mechanism for the command line, a third party's Maven build and the kit's own: a run held
 * to a baseline repeats the baseline's run (its seed and tries, unless told otherwise), and is compared with it.
 */
@API(status = STABLE, since = "0.2")
public final class Regression {

    private Regression() {
    }

    /**
     * Checks that a baseline can judge a run of {@code profile}: recorded for that profile, with a catalogue of the same
     * major version as this kit's.
     *
     * @throws BaselineException saying what to do
     */
    public static void checkFits(Baseline baseline, String name, Profile profile) {
        if (!baseline.profile().equals(profile.id())) {
            throw new BaselineException(name + " is a baseline of profile " + baseline.profile() + ", the run checks " + profile
                    + ": give the baseline of " + profile + ", or run --profile " + baseline.profile());
        }
        String kit = Catalogue.bundled().version();
        String major = kit.contains(".") ? kit.substring(0, kit.indexOf('.')) : kit;
        if (!baseline.catalogueMajor().equals(major)) {
            throw new BaselineException(name + " was recorded with catalogue " + baseline.catalogue() + ", this kit has catalogue "
                    + kit + ": record it again with this kit (run --write-baseline " + name + ")");
        }
    }

    /** Lets the run repeat the baseline's: its seed, unless one was given, and its tries, unless they were. */
    public static TckRunner repeat(TckRunner runner, Baseline baseline, boolean seedGiven, boolean triesGiven) {
        if (!seedGiven) {
            runner.seed(baseline.seed());
        }
        if (!triesGiven) {
            runner.parameter(PropertySettings.TRIES, Integer.toString(baseline.tries()))
                    .parameter(PropertySettings.THOROUGH, "false");
        }
        return runner;
    }

    /** What the run showed, as a baseline, with the tries it ran with. */
    public static Baseline record(RunResult result, TckRunner runner) {
        return Baseline.of(result, runner.settings().effectiveTries());
    }

    /** The run against the baseline. */
    public static BaselineComparison compare(Baseline baseline, RunResult result, TckRunner runner) {
        return BaselineComparison.of(baseline, record(result, runner));
    }
}
