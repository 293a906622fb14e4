package dev.oldbuffer.reports;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * An output folder written whole or not at all: everything goes into a hidden sibling, which {@link #commit()}
 * moves into place, replacing what was there; closing without a commit deletes the sibling. So a reader never
 * sees a half-written folder, and an interrupted run leaves only a {@code .NAME.partial-*} folder behind.
 * Nothing is created before something is written: a run that fails to start leaves no trace.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class StagedFolder implements AutoCloseable {

    private final Path target;
    private final Path staging;
    private boolean committed;

    private StagedFolder(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /** Names a hidden sibling of {@code target}; the writers create it (with its parent folders) as they write. */
    public static StagedFolder beside(Path target) {
        Path t = target.toAbsolutePath().normalize();
        return new StagedFolder(t, t.resolveSibling("." + t.getFileName() + ".partial-" + UUID.randomUUID()));
    }

    /**
     * Checks, before anything is written, that {@code target} can become an output folder: it does not exist
     * yet, or it is an empty folder, or it holds {@code marker} (a file only this kit writes there), and the
     * nearest existing folder above it is writable.
     *
     * @throws ReportException saying what is wrong with the folder and what to do
     */
    public static void checkUsable(Path target, String marker) {
        Path t = target.toAbsolutePath().normalize();
        if (Files.exists(t)) {
            if (!Files.isDirectory(t)) {
                throw new ReportException("output folder " + t + " is a file; choose another --out");
            }
            if (!isEmpty(t) && !Files.exists(t.resolve(marker))) {
                throw new ReportException("output folder " + t + " holds other files; choose a new or empty --out");
            }
        }
        Path existing = t.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new ReportException("output folder " + t + " cannot be created: " + existing
                    + " is not a folder; choose another --out");
        }
        if (!Files.isWritable(existing) || (Files.exists(t) && !Files.isWritable(t))) {
            throw new ReportException("output folder " + t + " is not writable; choose a writable --out");
        }
    }

    /** Where to write; not created yet. */
    public Path path() {
        return staging;
    }

    /**
     * A file or folder directly inside the written folder, for a name the report chose ({@link SafeNames}); anything that
     * would land elsewhere - a separator, {@code ..}, an absolute path - is refused before it is written.
     *
     * @throws ReportException for a name that would leave the folder
     */
    public Path child(String name) {
        Path child = staging.resolve(name).normalize();
        if (!SafeNames.isSafe(name) && !name.equals("index.html") || !staging.equals(child.getParent())) {
            throw new ReportException("refusing to write " + SafeNames.printable(name) + ": it would not be a file of "
                    + target + " (a results folder named it; give folders written by 'oldbuffer-tck run --out')");
        }
        return child;
    }

    /** Where it ends up. */
    public Path target() {
        return target;
    }

    /** Moves the written folder into place, replacing the previous one; returns the target. */
    public Path commit() throws IOException {
        Files.createDirectories(staging);
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
            Files.move(target, old);
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staging, target);
        }
        committed = true;
        if (old != null) {
            deleteTree(old);
        }
        return target;
    }

    /** Deletes the written folder unless it was committed. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            deleteTree(staging);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
