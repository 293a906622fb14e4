package dev.oldbuffer.reports;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apiguardian.api.API;

/**
 * Allure's own 2.x report generator ({@code io.qameta.allure:allure-commandline}), bundled in this jar as its
 * distribution zip and unpacked on first use into a cache folder. It runs in a child JVM, as its launcher
 * script does, so that its libraries never meet the kit's.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class AllureCommandline implements ReportGenerator {

    /** System property naming the cache folder; else {@code $XDG_CACHE_HOME/oldbuffer-tck} or {@code ~/.cache/oldbuffer-tck}. */
    public static final String CACHE_DIR = "oldbuffer.cache.dir";

    private static final String ZIP = "allure-commandline.zip";
    private static final long TIMEOUT_MINUTES = 5;

    private final String version;
    private final Path home;

    private AllureCommandline(String version, Path home) {
        this.version = version;
        this.home = home;
    }

    /** The bundled generator, unpacked into the cache folder unless it is there already. */
    public static AllureCommandline bundled() throws IOException {
        String version = bundledVersion();
        return new AllureCommandline(version, unpack(cacheDir().resolve("allure-" + version)));
    }

    /** The generator's version, e.g. {@code 2.34.1}. */
    public String version() {
        return version;
    }

    /** The unpacked distribution ({@code bin/}, {@code lib/}, {@code plugins/}). */
    public Path home() {
        return home;
    }

    /**
     * Runs {@code allure generate RESULTS -o OUT --clean --single-file --name NAME}: one self-contained
     * {@code OUT/index.html} that opens from the file system.
     *
     * @return the written {@code index.html}
     * @throws IOException when the generator fails, with the end of its output
     */
    @Override
    public Path generate(Path results, Path out, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = home.resolve("lib") + File.separator + "*" + File.pathSeparator + home.resolve("lib").resolve("config");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", classpath, "io.qameta.allure.CommandLine",
                "generate", results.toString(), "-o", out.toString(), "--clean", "--single-file", "--name", name));
        pb.environment().put("APP_HOME", home.toString()); // where it finds config/ and plugins/
        Path log = Files.createTempFile("allure-generate", ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("Allure's report generator did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
            Path index = out.resolve("index.html");
            if (p.exitValue() != 0 || !Files.isRegularFile(index)) {
                List<String> lines = Files.readAllLines(log);
                throw new IOException("Allure's report generator failed (exit " + p.exitValue() + "): "
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size())));
            }
            return index;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while Allure's report generator ran", e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static String bundledVersion() {
        Properties p = new Properties();
        try (InputStream in = AllureCommandline.class.getResourceAsStream("allure.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String v = p.getProperty("version", "");
        if (v.isEmpty() || v.contains("${")) {
            throw new IllegalStateException("allure.properties has no version: build the reports module with Maven");
        }
        return v;
    }

    static Path cacheDir() {
        String configured = System.getProperty(CACHE_DIR);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("oldbuffer-tck");
    }

    /** Unpacks the zip into a temporary sibling and renames it, so that a present {@code home} is always complete. */
    private static Path unpack(Path home) throws IOException {
        if (Files.isDirectory(home)) {
            return home;
        }
        Files.createDirectories(home.getParent());
        Path tmp = Files.createTempDirectory(home.getParent(), "." + home.getFileName() + ".partial-");
        try (InputStream in = AllureCommandline.class.getResourceAsStream(ZIP)) {
            if (in == null) {
                throw new IOException(ZIP + " is missing from the class path: build the reports module with Maven");
            }
            try (ZipInputStream zip = new ZipInputStream(in)) {
                for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    // entries sit under "allure-<version>/": drop that first component
                    String name = e.getName().substring(e.getName().indexOf('/') + 1);
                    Path to = tmp.resolve(name).normalize();
                    if (name.isEmpty() || !to.startsWith(tmp)) {
                        continue;
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(to);
                    } else {
                        Files.createDirectories(to.getParent());
                        Files.copy(zip, to);
                    }
                }
            }
            try {
                Files.move(tmp, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                if (!Files.isDirectory(home)) {
                    throw e;
                }
                // another process unpacked it at the same time: use theirs
            }
        } finally {
            StagedFolder.deleteTree(tmp);
        }
        return home;
    }
}
