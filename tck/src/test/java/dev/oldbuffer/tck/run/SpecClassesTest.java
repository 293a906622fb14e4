package dev.oldbuffer.tck.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.PackageSelector;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The classes a run selects come to the same specifications as JUnit's scan of the specification packages. */
class SpecClassesTest {

    @Test
    void selectingTheListedClassesDiscoversWhatScanningThePackagesDoes() {
        List<DiscoverySelector> packages = TckRunner.SPEC_PACKAGES.stream().map(p -> (DiscoverySelector) selectPackage(p)).toList();
        Set<String> scanned = discovered(packages);
        Set<String> listed = discovered(SpecClasses.selectors());
        assertThat(scanned).as("the package scan finds specifications").hasSizeGreaterThan(100);
        assertThat(listed).isEqualTo(scanned);
    }

    @Test
    void theClassesAreListedByName() {
        List<String> names = SpecClasses.selectors().stream().map(s -> ((ClassSelector) s).getClassName()).toList();
        assertThat(names).isSorted().doesNotHaveDuplicates().allSatisfy(n -> assertThat(n).doesNotContain("$"))
                .contains("dev.oldbuffer.tck.spec.AsCharBufferSpec", "dev.oldbuffer.tck.properties.StatefulProperties");
    }

    /** Where the kit's classes are not in a file (a jar nested in another), JUnit's scan of the packages finds them. */
    @Test
    void classesNotInAFileAreFoundByScanningThePackages() {
        List<DiscoverySelector> selectors = SpecClasses.selectors(Optional.empty());
        assertThat(selectors).allSatisfy(s -> assertThat(s).isInstanceOf(PackageSelector.class));
        assertThat(discovered(selectors)).isEqualTo(discovered(SpecClasses.selectors()));
    }

    /** In the command line's jar the classes are listed from its entries: the same names as from the classes folder. */
    @Test
    void aJarListsTheSameClassesAsTheFolder(@TempDir Path dir) throws Exception {
        Path classes = Path.of(SpecClasses.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = dir.resolve("kit.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        List<String> inFolder = SpecClasses.inFolder(classes, TckRunner.SPEC_PACKAGES);
        assertThat(inFolder).isNotEmpty();
        assertThat(SpecClasses.inJar(jar, TckRunner.SPEC_PACKAGES)).containsExactlyInAnyOrderElementsOf(inFolder);
    }

    private static Set<String> discovered(List<DiscoverySelector> selectors) {
        TestPlan plan = LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request().selectors(selectors).build());
        return plan.getRoots().stream().flatMap(root -> plan.getDescendants(root).stream()).map(TestIdentifier::getUniqueId)
                .collect(Collectors.toSet());
    }
}
