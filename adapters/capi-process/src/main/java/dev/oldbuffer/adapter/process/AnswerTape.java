package dev.oldbuffer.adapter.process;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The answers of the interpreters a run uses, copied to files as they arrive, or read back from those files in place of
 * the interpreters': for the bench, which runs the kit once more against a recorded run's answers to learn what a case
 * costs the kit alone, without the interpreter's work and without the crossing to it.
 *
 * <p>One file per interpreter, in the order the run takes them into use (its first, then each restart). An interpreter
 * is still started for each, for its greeting, but a replayed one is sent nothing: the answers come from the file in the
 * order the recording received them. A replay therefore holds only while the kit asks exactly what it asked when it
 * recorded, which the same implementation, seed and tries make it do; the bench checks that both runs came to the same
 * outcomes. Where the recording's interpreter crashed, its file ends there, and the replaying one is killed at that
 * point, so that the kit restarts as it did (the crash is then reported as a kill).
 *
 * <p>One tape at a time in a JVM, for the runs made on the thread that holds it; not for concurrent runs.
 */
public final class AnswerTape implements AutoCloseable {

    private static volatile AnswerTape current;

    private final Path dir;
    private final boolean replay;
    /** The files this tape opened, recordings and replays: closed with it. */
    private final List<Closeable> files = new ArrayList<>();
    private int interpreters;

    private AnswerTape(Path dir, boolean replay) {
        this.dir = dir;
        this.replay = replay;
    }

    /** Copies the answers of the interpreters taken into use from now on to files in {@code dir}, until closed. */
    public static AnswerTape record(Path dir) {
        return begin(new AnswerTape(dir, false));
    }

    /** Reads the answers of the interpreters taken into use from now on from the files {@link #record} wrote in {@code dir}. */
    public static AnswerTape replay(Path dir) {
        return begin(new AnswerTape(dir, true));
    }

    private static synchronized AnswerTape begin(AnswerTape tape) {
        if (current != null) {
            throw new IllegalStateException("an answer tape is already in use");
        }
        current = tape;
        return tape;
    }

    /** How many interpreters this tape recorded or replayed; none when the runs used no interpreter of this adapter. */
    public synchronized int interpreters() {
        return interpreters;
    }

    /** Called as a runtime takes {@code driver} into use: records or replays it while a tape is in use. */
    static void takenIntoUse(DriverProcess driver) {
        AnswerTape tape = current;
        if (tape != null) {
            tape.attach(driver);
        }
    }

    private synchronized void attach(DriverProcess driver) {
        Path file = dir.resolve(interpreters + ".answers");
        interpreters++;
        try {
            if (replay) {
                InputStream recorded = Files.newInputStream(file);
                files.add(recorded);
                driver.replayAnswers(recorded);
            } else {
                OutputStream copy = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                files.add(copy);
                driver.recordAnswers(copy);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("the replay took more interpreters than the recording (" + interpreters
                    + "): the run asked otherwise than when it was recorded", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the tape, after the runs that used it: the recordings are complete once it returns. */
    @Override
    public synchronized void close() {
        current = null;
        IOException failed = null;
        for (Closeable f : files) {
            try {
                f.close();
            } catch (IOException e) {
                failed = e;
            }
        }
        if (failed != null) {
            throw new UncheckedIOException(failed);
        }
    }

    /** Copies what is read from {@code in} to {@code copy}. */
    static InputStream copying(InputStream in, OutputStream copy) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    copy.write(b);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n > 0) {
                    copy.write(b, off, n);
                }
                return n;
            }

            @Override
            public int available() throws IOException {
                return in.available();
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
