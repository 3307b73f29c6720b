package io.tributary.train;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress of one epoch on stderr: epoch e/E, batch b/N, running loss, elapsed time and the
 * time left (elapsed · (N − b) / b). On a terminal one line is rewritten after every batch ({@code
 * \r}); elsewhere (a log file, a pipe) a line is printed each time another tenth of the epoch is
 * done. Java 17 tells a terminal only by {@link System#console()}, which needs stdin and stdout to
 * be one: a run whose stderr alone is redirected still rewrites its line.
 */
public final class ProgressBar {

    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier nanoClock;
    private final long start;
    private final int epoch;
    private final int epochs;
    private final int batches;
    private int width;

    ProgressBar(
            PrintStream out,
            boolean terminal,
            LongSupplier nanoClock,
            int epoch,
            int epochs,
            int batches) {
        if (batches < 1 || epochs < 1 || epoch < 1 || epoch > epochs) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "progress needs 1 <= epoch <= epochs and batches >= 1, got epoch %d/%d,"
                                    + " %d batches",
                            epoch,
                            epochs,
                            batches));
        }
        this.out = out;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
        this.epoch = epoch;
        this.epochs = epochs;
        this.batches = batches;
    }

    /** Starts the progress of epoch {@code epoch} (from 1) of {@code epochs} on stderr. */
    public static ProgressBar start(int epoch, int epochs, int batches) {
        return new ProgressBar(
                System.err, System.console() != null, System::nanoTime, epoch, epochs, batches);
    }

    /**
     * Batch {@code batch} (from 1) is done; {@code runningLoss} is the epoch's mean loss so far.
     */
    public void update(int batch, double runningLoss) {
        if (batch < 1 || batch > batches) {
            throw new IllegalArgumentException(
                    "batch must be in [1, " + batches + "], got " + batch);
        }
        Duration elapsed = Duration.ofNanos(nanoClock.getAsLong() - start);
        String line = format(epoch, epochs, batch, batches, runningLoss, elapsed);
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
            width = line.length();
            if (batch == batches) {
                out.println();
            }
            out.flush();
        } else if (batch * 10 / batches > (batch - 1) * 10 / batches) {
            out.println(line);
        }
    }

    /**
     * The progress line, for example {@code epoch 3/40 batch 120/385 loss 0.8123 elapsed 1:02 eta
     * 2:15}.
     */
    public static String format(
            int epoch, int epochs, int batch, int batches, double loss, Duration elapsed) {
        Duration eta = elapsed.multipliedBy(batches - batch).dividedBy(batch);
        return String.format(
                Locale.ROOT,
                "epoch %d/%d  batch %d/%d  loss %.4f  elapsed %s  eta %s",
                epoch,
                epochs,
                batch,
                batches,
                loss,
                clock(elapsed),
                clock(eta));
    }

    /** m:ss, or h:mm:ss from an hour on; whole seconds, rounded down. */
    private static String clock(Duration duration) {
        long seconds = duration.getSeconds();
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        long rest = seconds % 60;
        return hours > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, rest)
                : String.format(Locale.ROOT, "%d:%02d", minutes, rest);
    }
}
