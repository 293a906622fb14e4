package dev.oldbuffer.tck.run;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.platform.engine.DiscoverySelector;

/**
 * The top-level classes of the specification packages ({@link TckRunner#SPEC_PACKAGES}), found where the kit's classes
 * were loaded from (its jar, or its classes folder), in the order of their names.
 *
 * <p>Why not JUnit's package selector: it reads a jar through a zip file system it builds for each package, indexing
 * every entry, and the command line's jar holds about 15,000. In a run at one try that was about half of the Java time
 * JFR sampled, and the main command is about 0.27 s faster without it (docs/PERFORMANCE.md). A {@link JarFile} shares
 * the index the class loader already read. The name order also makes the run's order the same on every machine, where
 * a scan follows the order in which the file system listed the class files when the jar was built.
 * Nested classes are not selected: the engines find the ones that are containers through their enclosing class.
 */
final class SpecClasses {

    private SpecClasses() {
    }

    /**
     * One selector per class, by name; JUnit's package selectors where the kit's classes are neither in a jar file nor in
     * a folder (a jar nested in another, say), which only JUnit's scan through the class loader can read.
     */
    static List<DiscoverySelector> selectors() {
        return selectors(whereTheKitIs());
    }

    static List<DiscoverySelector> selectors(Optional<Path> kit) {
        if (kit.isEmpty()) {
            return TckRunner.SPEC_PACKAGES.stream().map(pkg -> (DiscoverySelector) selectPackage(pkg)).toList();
        }
        Path from = kit.get();
        TreeSet<String> names = new TreeSet<>(Files.isDirectory(from) ? inFolder(from, TckRunner.SPEC_PACKAGES)
                : inJar(from, TckRunner.SPEC_PACKAGES));
        if (names.isEmpty()) {
            throw new IllegalStateException("no specification classes in " + TckRunner.SPEC_PACKAGES + " at " + from);
        }
        return names.stream().map(n -> (DiscoverySelector) selectClass(SpecClasses.class.getClassLoader(), n)).toList();
    }

    /** The jar or folder the kit's classes were loaded from, when they were loaded from a file. */
    private static Optional<Path> whereTheKitIs() {
        CodeSource source = SpecClasses.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            return Files.isDirectory(path) || Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            return Optional.empty();   // not a file: a jar inside another, or a location of another scheme
        }
    }

    static List<String> inFolder(Path root, List<String> packages) {
        List<String> names = new ArrayList<>();
        for (String pkg : packages) {
            try (Stream<Path> files = Files.list(root.resolve(pkg.replace('.', '/')))) {
                files.map(f -> f.getFileName().toString()).filter(SpecClasses::isTopLevelClass)
                        .forEach(f -> names.add(pkg + '.' + f.substring(0, f.length() - ".class".length())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    /** In one pass over the jar's entries (each one read makes an object: 15,000 of them in the command line's jar). */
    static List<String> inJar(Path jar, List<String> packages) {
        List<String> prefixes = packages.stream().map(pkg -> pkg.replace('.', '/') + '/').toList();
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(e -> e.getName())
                    .filter(n -> prefixes.stream().anyMatch(prefix -> n.startsWith(prefix)
                            && n.indexOf('/', prefix.length()) < 0 && isTopLevelClass(n.substring(prefix.length()))))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isTopLevelClass(String fileName) {
        return fileName.endsWith(".class") && fileName.indexOf('$') < 0 && !fileName.equals("package-info.class");
    }
}
