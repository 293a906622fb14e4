package dev.oldbuffer.cli;

import dev.oldbuffer.catalogue.Assertion;
import dev.oldbuffer.catalogue.Catalogue;
import dev.oldbuffer.spi.Implementations;
import dev.oldbuffer.spi.RuntimeProvider;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Lists the implementations on the class path (and in --jar jars) and the catalogue's assertions. */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "List the implementations found and the catalogue's assertions.")
final class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ImplementationJars jars;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ClassLoader loader = jars.loader();
        try {
            out.println("Implementations:");
            for (RuntimeProvider p : Implementations.available(loader)) {
                out.printf("  %-14s %s%n", p.id(), p.description());
                for (Map.Entry<String, String> o : new TreeMap<>(p.options()).entrySet()) {
                    out.printf("  %14s   -o %s=...  %s%n", "", o.getKey(), o.getValue());
                }
            }
        } finally {
            if (loader instanceof AutoCloseable c && loader != Thread.currentThread().getContextClassLoader()) {
                c.close();
            }
        }
        Catalogue c = Catalogue.bundled();
        out.println();
        out.println("Assertions (catalogue " + c.version() + "):");
        for (Assertion a : c.all()) {
            out.printf("  %-8s %-24s %-20s %s%n", a.id(), a.function().cName(),
                    String.join("+", a.profiles().stream().map(Object::toString).toList()) + (a.testable() ? "" : " untestable"),
                    a.requirement());
        }
        return Main.OK;
    }
}
