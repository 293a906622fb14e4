package dev.oldbuffer.tck.broken;

import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.results.RunResult;
import dev.oldbuffer.tck.TckConfig;
import dev.oldbuffer.tck.properties.PropertyHook;
import dev.oldbuffer.tck.run.TckRunner;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * A benchmark, not a test: runs the whole kit against the reference implementation with default settings and prints
 * the property cases checked, the wall time and the slowest tests. Arguments: profile (default documented) and
 * rounds (default 1; later rounds run on a warm JVM).
 * <pre>
 * mvn -B -q -pl tck test-compile exec:java -Dexec.mainClass=dev.oldbuffer.tck.broken.KitBenchmark \
 *     -Dexec.classpathScope=test -Dexec.args="documented 1"
 * </pre>
 */
public final class KitBenchmark {

    public static void main(String[] args) {
        Profile profile = Profile.ofId(args.length > 0 ? args[0] : "documented");
        AtomicLong checks = new AtomicLong();
        Map<String, Long> started = new ConcurrentHashMap<>();
        Map<Long, String> took = new TreeMap<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier id) {
                started.put(id.getUniqueId(), System.nanoTime());
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    long ms = (System.nanoTime() - started.get(id.getUniqueId())) / 1_000_000;
                    took.put(ms * 1000 + took.size(), ms + " ms " + id.getDisplayName() + " " + result.getStatus());
                }
            }

            @Override
            public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
                String n = entry.getKeyValuePairs().get(PropertyHook.CHECKS_ENTRY);
                if (n != null) {
                    checks.addAndGet(Long.parseLong(n));
                }
            }
        };
        for (int round = 0; round < (args.length > 1 ? Integer.parseInt(args[1]) : 1); round++) {
            checks.set(0);
            took.clear();
            long t0 = System.nanoTime();
            RunResult r = new TckRunner(new TckConfig("reference", Map.of(), profile)).listener(listener).run();
            long wall = (System.nanoTime() - t0) / 1_000_000;
            System.out.println(r.summaryLine() + "; " + checks.get() + " property checks; run " + r.durationMillis() + " ms, wall "
                    + wall + " ms; seed " + r.seed());
            took.values().stream().skip(Math.max(0, took.size() - 12)).forEach(l -> System.out.println("  " + l));
            r.assertions().stream().filter(a -> a.outcome().isProblem())
                    .forEach(a -> System.out.println("  FAILED " + a.id() + ": " + a.detail()));
        }
    }
}
