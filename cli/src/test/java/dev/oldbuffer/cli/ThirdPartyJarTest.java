package dev.oldbuffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --jar}: a provider compiled here, outside the kit's class path, and packed the way a third party ships
 * it (a jar with a {@code META-INF/services} entry), is found without rebuilding the kit.
 */
class ThirdPartyJarTest {

    private static final String PROVIDER = """
            package com.example.oldbuffer;

            import dev.oldbuffer.spi.OldBufferRuntime;
            import dev.oldbuffer.spi.RuntimeProvider;
            import dev.oldbuffer.spi.RuntimeRequest;
            import java.util.Map;

            /** A third party's implementation: here the reference model under another id. */
            public final class ExampleProvider implements RuntimeProvider {
                public String id() { return "example"; }
                public String description() { return "Example Corp's runtime"; }
                public Map<String, String> options() { return Map.of(); }
                public OldBufferRuntime open(RuntimeRequest request) {
                    return new dev.oldbuffer.reference.ReferenceProvider().open(request);
                }
            }
            """;

    @TempDir
    static Path dir;

    static Path jar;

    @BeforeAll
    static void buildTheJar() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/com/example/oldbuffer")).resolve("ExampleProvider.java");
        Files.writeString(src, PROVIDER);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"), src.toString());
        assertThat(rc).as("javac").isZero();
        jar = dir.resolve("example-oldbuffer.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            String provider = "com/example/oldbuffer/ExampleProvider.class";
            add(out, provider, Files.readAllBytes(classes.resolve(provider)));
            add(out, "META-INF/services/dev.oldbuffer.spi.RuntimeProvider",
                    "com.example.oldbuffer.ExampleProvider\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void add(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        ((OutputStream) out).write(bytes);
        out.closeEntry();
    }

    @Test
    void listShowsTheJarsImplementation() {
        Cli cli = Cli.run("list", "--jar", jar.toString());
        assertThat(cli.exit()).isEqualTo(Main.OK);
        assertThat(cli.out()).containsPattern("(?m)^  example +Example Corp's runtime$");
    }

    @Test
    void runUsesTheJarsImplementation() throws IOException {
        Path out = dir.resolve("results");
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Cli cli = Cli.run("run", "--jar", jar.toString(), "--impl", "example", "--out", out.toString());
        assertThat(cli.exit()).as(cli.out() + cli.err()).isIn(Main.OK, Main.FAILURES);
        assertThat(cli.out()).contains("(example), kit").containsPattern("(?m)^\\d+ passed, \\d+ failed");
        assertThat(out.resolve("example-documented/results.json")).exists();
        assertThat(Thread.currentThread().getContextClassLoader()).as("context class loader restored").isSameAs(before);
    }

    @Test
    void withoutTheJarTheImplementationIsUnknown() {
        Cli cli = Cli.run("run", "--impl", "example");
        assertThat(cli.exit()).isEqualTo(Main.USAGE);
        assertThat(cli.errorLine()).isEqualTo("oldbuffer-tck: unknown implementation 'example'; available: capi-process, reference");
    }
}
