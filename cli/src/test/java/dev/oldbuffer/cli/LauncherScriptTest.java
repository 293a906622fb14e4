package dev.oldbuffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code oldbuffer-tck} script at the project's root, run in a tree of its own: a copy of the script beside a jar
 * that prints the JVM options it was started with, and a {@code mvn} on the path that only says it was called. So the
 * test sees which options the script gives the JVM and when it would rebuild the kit, without building anything.
 */
class LauncherScriptTest {

    /** The jar's main class: prints the JVM's options, one a line, then the arguments after a marker. */
    public static final class PrintOptions {
        public static void main(String[] args) {
            ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(System.out::println);
            System.out.println("--args");
            for (String a : args) {
                System.out.println(a);
            }
        }
    }

    @TempDir
    Path tree;

    @BeforeEach
    void aTreeWithABuiltKit() throws IOException {
        Path script = tree.resolve("oldbuffer-tck");
        Files.copy(Path.of("..", "oldbuffer-tck"), script);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path source = tree.resolve("spec/catalogue/src/main/java/Example.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Example {}\n");
        Files.writeString(tree.resolve("pom.xml"), "<project/>\n");
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().minusSeconds(3600)));
        Files.setLastModifiedTime(tree.resolve("pom.xml"), FileTime.from(Instant.now().minusSeconds(3600)));
        Path jar = tree.resolve("cli/target/oldbuffer-tck.jar");
        Files.createDirectories(jar.getParent());
        writeJar(jar);
        Path mvn = tree.resolve("bin/mvn");
        Files.createDirectories(mvn.getParent());
        Files.writeString(mvn, "#!/bin/sh\necho 'mvn was called' >&2\nexit 1\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void aRunGetsTheSerialCollectorAndTheQuickCompilerAlone() throws Exception {
        ProcessOutput out = launch(Map.of(), "run", "--impl", "reference");
        assertThat(out.exit()).as("%s", out).isZero();
        assertThat(options(out)).contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        assertThat(arguments(out)).containsExactly("run", "--impl", "reference");
    }

    @Test
    void theBenchGetsBothCompilers() throws Exception {
        ProcessOutput out = launch(Map.of(), "bench", "--rounds", "1");
        assertThat(out.exit()).as("%s", out).isZero();
        assertThat(options(out)).contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=4").doesNotContain("-XX:TieredStopAtLevel=1");
    }

    @Test
    void javaOptsComeLastSoThatTheyWin() throws Exception {
        ProcessOutput out = launch(Map.of("JAVA_OPTS", "-XX:TieredStopAtLevel=4 -Dkit.example=1"), "run");
        assertThat(out.exit()).as("%s", out).isZero();
        List<String> options = options(out);
        assertThat(options).endsWith("-XX:TieredStopAtLevel=4", "-Dkit.example=1");
        assertThat(options.indexOf("-XX:TieredStopAtLevel=1")).isLessThan(options.lastIndexOf("-XX:TieredStopAtLevel=4"));
    }

    @Test
    void testsAndWhatBuildsWriteUnderTargetDoNotRebuildTheKit() throws Exception {
        // as the adapter's tests leave it: an unpacked runtime whose folders are named src, newer than the jar; and a test
        // edited since the build, which the jar does not hold
        Path test = tree.resolve("spec/catalogue/src/test/java/ExampleTest.java");
        Files.createDirectories(test.getParent());
        Files.writeString(test, "class ExampleTest {}\n");
        Path unpacked = tree.resolve("adapters/capi-process/target/runtimes/cpython-3.14/licenses/src/pip/LICENSE");
        Files.createDirectories(unpacked.getParent());
        Files.writeString(unpacked, "a licence\n");
        Path nodePackage = tree.resolve("adapters/pyodide-runtime/node_modules/pyodide/src/index.js");
        Files.createDirectories(nodePackage.getParent());
        Files.writeString(nodePackage, "// a package\n");
        for (Path written : List.of(test, unpacked, nodePackage)) {   // newer than the jar, whatever the clock's grain
            Files.setLastModifiedTime(written, FileTime.from(Instant.now().plusSeconds(60)));
        }
        ProcessOutput out = launch(Map.of(), "run");
        assertThat(out.exit()).as("%s", out).isZero();
        assertThat(out.stderr()).doesNotContain("building the kit").doesNotContain("mvn was called");
    }

    @Test
    void aSourceOrAPomNewerThanTheJarRebuildsTheKit() throws Exception {
        for (Path changed : List.of(tree.resolve("spec/catalogue/src/main/java/Example.java"), tree.resolve("pom.xml"))) {
            Files.setLastModifiedTime(changed, FileTime.from(Instant.now().plusSeconds(60)));
            ProcessOutput out = launch(Map.of(), "run");
            assertThat(out.exit()).as("%s: %s", changed, out).isEqualTo(1);
            assertThat(out.stderr()).as("%s", changed).contains("oldbuffer-tck: building the kit (once)...", "mvn was called",
                    "oldbuffer-tck: building the kit failed");
            Files.setLastModifiedTime(changed, FileTime.from(Instant.now().minusSeconds(3600)));
        }
    }

    /** The JVM options the jar's main class printed, one a line before the marker. */
    private static List<String> options(ProcessOutput out) {
        List<String> lines = out.stdout().lines().toList();
        return lines.subList(0, lines.indexOf("--args"));
    }

    /** The arguments it printed after the marker. */
    private static List<String> arguments(ProcessOutput out) {
        List<String> lines = out.stdout().lines().toList();
        return lines.subList(lines.indexOf("--args") + 1, lines.size());
    }

    private ProcessOutput launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(tree.resolve("oldbuffer-tck").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("JAVA_OPTS");
        pb.environment().putAll(env);
        // the JVM running this test first on the path, so that the script's java is one that runs the jar
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + tree.resolve("bin") + ":"
                + System.getenv("PATH"));
        return ProcessOutput.run(pb, tree, Duration.ofMinutes(1));
    }

    /** A jar whose main class is {@link PrintOptions}, made from this test's own class file. */
    private static void writeJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, PrintOptions.class.getName());
        String entry = PrintOptions.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
                var classFile = PrintOptions.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
            out.closeEntry();
        }
    }
}
