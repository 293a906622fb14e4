package dev.oldbuffer.cli;

import java.util.function.BiConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a run on standard error: a bar on a terminal, a line per quarter elsewhere (CI logs), so that
 * standard output keeps only results.
 */
final class Progress implements BiConsumer<Integer, Integer>, AutoCloseable {

    private final String task;
    private final boolean terminal = System.console() != null;
    private ProgressBar bar;
    private int lastQuarter = -1;

    Progress(String task) {
        this.task = task;
    }

    @Override
    public synchronized void accept(Integer done, Integer total) {
        if (terminal) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build();
            }
            bar.stepTo(done);
            return;
        }
        int quarter = total == 0 ? 4 : done * 4 / total;
        if (quarter != lastQuarter) {
            lastQuarter = quarter;
            System.err.println(task + ": " + done + "/" + total + " specifications");
        }
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
