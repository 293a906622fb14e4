package dev.oldbuffer.adapter.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.results.RunResult;
import dev.oldbuffer.tck.TckConfig;
import dev.oldbuffer.tck.run.TckRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Manual: the whole kit against chosen runtimes, repeatedly, with timings and no baseline (to time the kit, or to
 * hunt a hang with {@code jcmd <pid> Thread.print}). For example
 * {@code mvn -B -o verify -pl adapters/capi-process -Dtest=KitRunManualTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Doldbuffer.kitrun=PYPY3,PYTHON3 -Doldbuffer.kitrun.profiles=documented,cpython -Doldbuffer.kitrun.repeat=3}.
 */
@EnabledIfSystemProperty(named = "oldbuffer.kitrun", matches = ".+")
class KitRunManualTest {

    @Test
    void runTheKit() {
        List<TestRuntime> runtimes = new ArrayList<>();
        for (String name : System.getProperty("oldbuffer.kitrun").split(",")) {
            runtimes.add(TestRuntime.valueOf(name.trim().toUpperCase().replace('.', '_')));
        }
        List<Profile> profiles = new ArrayList<>();
        for (String id : System.getProperty("oldbuffer.kitrun.profiles", "documented,cpython").split(",")) {
            profiles.add(Profile.valueOf(id.trim().toUpperCase()));
        }
        int repeat = Integer.getInteger("oldbuffer.kitrun.repeat", 1);
        for (int i = 1; i <= repeat; i++) {
            for (TestRuntime runtime : runtimes) {
                for (Profile profile : profiles) {
                    RunResult result = new TckRunner(new TckConfig("capi-process", runtime.options(Map.of()), profile)).run();
                    System.out.printf("KITRUN %d/%d %-13s %-10s %6.1f s  complete=%s  %s  seed %s%n", i, repeat, runtime,
                            profile.id(), result.durationMillis() / 1000.0, result.complete(), result.summaryLine(),
                            result.seed());
                    // what a runtime shared with a thread left behind (jqwik's bounded shrinking) would show
                    result.assertions().stream()
                            .filter(r -> r.detail() != null && (r.detail().contains("stale reference")
                                    || r.detail().contains("protocol error") || r.detail().contains("is closed")))
                            .forEach(r -> System.out.printf("KITRUN   suspicious %s %s: %s%n", r.id(), r.outcome(),
                                    r.detail().lines().findFirst().orElse("")));
                    assertThat(result.complete()).as("%s / %s: %s", runtime, profile, result.runtimeDetails()).isTrue();
                }
            }
        }
    }
}
