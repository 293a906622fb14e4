package dev.oldbuffer.adapter.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The last lines an interpreter wrote on its stderr (faulthandler's report of a crash lands there), read to the stream's
 * end by a daemon thread of its own, so that the interpreter never blocks on a full pipe.
 */
final class StderrTail {

    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private final int max;
    private final Thread drain;

    StderrTail(InputStream stderr, int max, String threadName) {
        this.max = max;
        this.drain = daemon(threadName, () -> drain(stderr));
    }

    /** The lines kept, joined by newlines; empty when there were none. */
    String text() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /** Waits, at most {@code millis}, for the stream's end: a dead process's last words. */
    void awaitEnd(long millis) throws InterruptedException {
        drain.join(millis);
    }

    private void drain(InputStream stderr) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                synchronized (lines) {
                    lines.addLast(line);
                    if (lines.size() > max) {
                        lines.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the stream closes when the process dies
        }
    }

    static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
