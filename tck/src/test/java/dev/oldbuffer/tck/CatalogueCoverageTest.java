package dev.oldbuffer.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import dev.oldbuffer.catalogue.Assertion;
import dev.oldbuffer.catalogue.Catalogue;
import dev.oldbuffer.spi.Profile;
import dev.oldbuffer.tck.run.TckRunner;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Traceability, enforced by the build: every testable assertion has a test, every test names known ids,
 * untestable assertions have none, and test names carry their level and id.
 */
class CatalogueCoverageTest {

    private static final Map<String, List<Method>> testsById = new TreeMap<>();
    private static final List<String> unknownIds = new ArrayList<>();
    private static final List<Method> specMethods = new ArrayList<>();

    @BeforeAll
    static void discoverTheKit() {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        TckRunner.SPEC_PACKAGES.forEach(p -> request.selectors(selectPackage(p)));
        TestPlan plan = LauncherFactory.create().discover(request.build());
        Set<Method> seen = new java.util.HashSet<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(root)) {
                id.getSource().filter(MethodSource.class::isInstance).map(s -> ((MethodSource) s).getJavaMethod())
                        .filter(seen::add).ifPresent(m -> {
                            specMethods.add(m);
                            SpecAssertion ids = m.getAnnotation(SpecAssertion.class);
                            for (String assertionId : ids == null ? new String[0] : ids.value()) {
                                if (Catalogue.bundled().find(assertionId).isEmpty()) {
                                    unknownIds.add(m.getName() + " -> " + assertionId);
                                }
                                testsById.computeIfAbsent(assertionId, k -> new ArrayList<>()).add(m);
                            }
                        });
            }
        }
        printCoverage();
    }

    private static void printCoverage() {
        Catalogue c = Catalogue.bundled();
        long untestable = c.all().stream().filter(a -> !a.testable()).count();
        StringBuilder s = new StringBuilder("Catalogue " + c.version() + ": " + c.all().size() + " assertions ("
                + untestable + " untestable), " + specMethods.size() + " specification methods");
        for (Profile p : Profile.values()) {
            List<Assertion> testable = c.testable(p);
            long covered = testable.stream().filter(a -> testsById.containsKey(a.id())).count();
            s.append("\n  ").append(p).append(": ").append(testable.size()).append(" testable assertions, ")
                    .append(covered).append(" covered, ").append(testable.size() - covered).append(" uncovered");
        }
        System.out.println(s);
    }

    @Test
    void everyTestableAssertionHasATest() {
        List<String> uncovered = Catalogue.bundled().all().stream()
                .filter(a -> a.testable() && !testsById.containsKey(a.id())).map(Assertion::id).toList();
        assertThat(uncovered).as("testable assertions without a test").isEmpty();
    }

    @Test
    void everyTestNamesKnownAssertions() {
        assertThat(unknownIds).as("tests naming ids the catalogue does not have").isEmpty();
        List<String> unannotated = specMethods.stream().filter(m -> !m.isAnnotationPresent(SpecAssertion.class))
                .map(m -> m.getDeclaringClass().getSimpleName() + "." + m.getName()).toList();
        assertThat(unannotated).as("specification methods without @SpecAssertion").isEmpty();
    }

    @Test
    void untestableAssertionsHaveNoTest() {
        List<String> tested = Catalogue.bundled().all().stream()
                .filter(a -> !a.testable() && testsById.containsKey(a.id())).map(Assertion::id).toList();
        assertThat(tested).as("assertions marked untestable that have a test anyway").isEmpty();
    }

    /** {@code required_char03_...} for assertions of both profiles, {@code cpython_char17_...} for cpython-only ones. */
    @Test
    void exampleTestNamesCarryLevelAndId() {
        Set<String> wrong = new TreeSet<>();
        for (Method m : specMethods) {
            SpecAssertion ids = m.getAnnotation(SpecAssertion.class);
            if (ids == null || ids.value().length != 1 || Catalogue.bundled().find(ids.value()[0]).isEmpty()) {
                continue; // properties naming several assertions are exempt
            }
            Assertion a = Catalogue.bundled().get(ids.value()[0]);
            String level = a.appliesTo(Profile.DOCUMENTED) ? "required" : "cpython";
            if (!m.getName().startsWith(level + "_" + a.id() + "_")) {
                wrong.add(m.getDeclaringClass().getSimpleName() + "." + m.getName() + " should start with " + level + "_" + a.id() + "_");
            }
        }
        assertThat(wrong).isEmpty();
    }
}
