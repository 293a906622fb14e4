package dev.oldbuffer.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** How a child process ended and what it printed: for the tests that run the command line, or its script, on their own. */
record ProcessOutput(int exit, String stdout, String stderr) {

    /**
     * Starts {@code process} with no input and its output in files under {@code dir} (a pipe left unread could fill and
     * block it), and waits up to {@code limit} for it to end; a process still running then is killed and fails the test.
     */
    static ProcessOutput run(ProcessBuilder process, Path dir, Duration limit) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = process.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish in " + limit.toSeconds() + " s: " + String.join(" ", process.command()));
        }
        return new ProcessOutput(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
