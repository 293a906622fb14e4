package dev.oldbuffer.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An {@code allure-results/} folder is input the user may have been handed, and Allure's generator reads every file it
 * names: before it runs, the folder must be what {@code run --out} writes - plain files only (no links, no folders),
 * of bounded number and size, whose attachments name files of the folder itself.
 */
final class AllureResultsCheck {

    static final int MAX_FILES = 20_000;
    static final long MAX_BYTES = 512L << 20;
    static final long MAX_JSON_BYTES = 16L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private AllureResultsCheck() {
    }

    /** @throws ReportException naming the folder, the file and what is wrong with it */
    static void check(Path dir) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.limit(MAX_FILES + 1).toList();
        } catch (IOException e) {
            throw refused(dir, "cannot be listed (" + e.getMessage() + ")");
        }
        if (files.size() > MAX_FILES) {
            throw refused(dir, "holds more than " + MAX_FILES + " files");
        }
        Set<String> names = new HashSet<>();
        long total = 0;
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                throw refused(dir, SafeNames.printable(name) + " is not a plain file (a link or a folder)");
            }
            names.add(name);
            try {
                total += Files.size(f);
            } catch (IOException e) {
                throw refused(dir, SafeNames.printable(name) + " cannot be read");
            }
        }
        if (total > MAX_BYTES) {
            throw refused(dir, "holds " + total + " bytes, more than " + MAX_BYTES);
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.endsWith("-result.json") || name.endsWith("-container.json")) {
                for (String source : sources(dir, f)) {
                    if (source.contains("/") || source.contains("\\") || source.equals("..") || !names.contains(source)) {
                        throw refused(dir, SafeNames.printable(name) + " names the attachment '" + SafeNames.printable(source)
                                + "', which is not a file of the folder");
                    }
                }
            }
        }
    }

    /** The attachment file names a result or container names ({@code "source"} fields, at any depth). */
    private static List<String> sources(Path dir, Path file) {
        try {
            if (Files.size(file) > MAX_JSON_BYTES) {
                throw refused(dir, SafeNames.printable(file.getFileName().toString()) + " is larger than " + MAX_JSON_BYTES + " bytes");
            }
            JsonNode node = JSON.readTree(file.toFile());
            return node == null ? List.of() : node.findValues("source").stream().map(v -> v.isTextual() ? v.asText() : "/").toList();
        } catch (IOException e) {
            throw refused(dir, SafeNames.printable(file.getFileName().toString()) + " is not valid JSON");
        }
    }

    private static ReportException refused(Path dir, String why) {
        return new ReportException(dir + ": " + why + "; give a folder written by 'oldbuffer-tck run --out'");
    }
}
