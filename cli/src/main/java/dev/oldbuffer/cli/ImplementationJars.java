package dev.oldbuffer.cli;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import picocli.CommandLine.Option;

/**
 * {@code --jar PATH}: a third party's implementation jar (and the jars it needs), loaded next to the kit so that
 * {@link java.util.ServiceLoader} finds its {@code RuntimeProvider} without rebuilding the kit.
 */
final class ImplementationJars {

    @Option(names = "--jar", paramLabel = "PATH",
            description = "A jar with an implementation (META-INF/services/dev.oldbuffer.spi.RuntimeProvider)"
                    + " or one it needs; repeatable.")
    List<Path> jars = new ArrayList<>();

    /**
     * A class loader over the jars, child of the kit's; the kit's own when none are given.
     *
     * @throws Main.UsageError naming a jar that cannot be read
     */
    ClassLoader loader() {
        ClassLoader kit = Thread.currentThread().getContextClassLoader();
        if (jars.isEmpty()) {
            return kit;
        }
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            urls.add(checked(jar));
        }
        return new URLClassLoader("implementation-jars", urls.toArray(URL[]::new), kit);
    }

    private static URL checked(Path jar) {
        String fix = "; give the path of a readable .jar file to --jar";
        if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
            throw new Main.UsageError("cannot read implementation jar " + jar + ": "
                    + (Files.exists(jar) ? "not a readable file" : "no such file") + fix);
        }
        try (JarFile ignored = new JarFile(jar.toFile())) {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new Main.UsageError("cannot read implementation jar " + jar + ": " + e.getMessage() + fix);
        } catch (IOException e) {
            throw new Main.UsageError("cannot read implementation jar " + jar + ": not a jar (" + e.getMessage() + ")" + fix);
        }
    }
}
