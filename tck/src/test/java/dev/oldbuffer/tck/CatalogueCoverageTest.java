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
 * Traceability, enforced by the build: every assertion has a method - a test for a testable one, an {@code untested_}
 * method that reports it as not verified for the others - every method names known ids, and names carry level and id.
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

    /**
     * An untestable assertion is still a method, so that the list of assertions and the list of methods are the same
     * list: one {@code untested_} method that names only it, and no test besides.
     */
    @Test
    void untestableAssertionsHaveOneUntestedMethodEach() {
        for (Assertion a : Catalogue.bundled().all()) {
            if (a.testable()) {
                continue;
            }
            assertThat(testsById.getOrDefault(a.id(), List.of())).as("the methods of untestable assertion %s", a.id())
                    .singleElement().satisfies(m -> {
                        assertThat(m.getName()).startsWith("untested_" + a.id() + "_");
                        assertThat(m.getAnnotation(SpecAssertion.class).value()).containsExactly(a.id());
                    });
        }
    }

    /**
     * {@code required_char03_...} for assertions of both profiles, {@code cpython_char17_...} for cpython-only ones,
     * {@code untested_char90_...} for untestable ones.
     */
    @Test
    void exampleTestNamesCarryLevelAndId() {
        Set<String> wrong = new TreeSet<>();
        for (Method m : specMethods) {
            SpecAssertion ids = m.getAnnotation(SpecAssertion.class);
            if (ids == null || ids.value().length != 1 || Catalogue.bundled().find(ids.value()[0]).isEmpty()) {
                continue; // properties naming several assertions are exempt
            }
            Assertion a = Catalogue.bundled().get(ids.value()[0]);
            String level = !a.testable() ? "untested" : a.appliesTo(Profile.DOCUMENTED) ? "required" : "cpython";
            if (!m.getName().startsWith(level + "_" + a.id() + "_")) {
                wrong.add(m.getDeclaringClass().getSimpleName() + "." + m.getName() + " should start with " + level + "_" + a.id() + "_");
            }
        }
        assertThat(wrong).isEmpty();
    }
}
