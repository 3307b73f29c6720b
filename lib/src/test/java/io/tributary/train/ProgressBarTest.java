package io.tributary.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void formatsEpochBatchLossElapsedAndEta() {
        assertEquals(
                "epoch 3/40  batch 120/385  loss 0.8123  elapsed 1:02  eta 2:16",
                ProgressBar.format(3, 40, 120, 385, 0.81234, Duration.ofSeconds(62)));
        assertEquals(
                "epoch 1/1  batch 1/100  loss 1.0000  elapsed 1:00:05  eta 99:08:15",
                ProgressBar.format(1, 1, 1, 100, 1.0, Duration.ofSeconds(3605)));
        assertEquals(
                "epoch 1/2  batch 4/4  loss NaN  elapsed 0:09  eta 0:00",
                ProgressBar.format(1, 2, 4, 4, Double.NaN, Duration.ofMillis(9500)));
    }

    @Test
    void withoutATerminalPrintsALineEveryTenth() {
        AtomicLong now = new AtomicLong(0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar =
                new ProgressBar(
                        new PrintStream(bytes, true, StandardCharsets.UTF_8),
                        false,
                        now::get,
                        2,
                        5,
                        25);
        for (int batch = 1; batch <= 25; batch++) {
            now.addAndGet(SECOND);
            bar.update(batch, 0.5);
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(10, lines.length);
        assertEquals("epoch 2/5  batch 3/25  loss 0.5000  elapsed 0:03  eta 0:22", lines[0]);
        assertEquals("epoch 2/5  batch 5/25  loss 0.5000  elapsed 0:05  eta 0:20", lines[1]);
        assertEquals("epoch 2/5  batch 25/25  loss 0.5000  elapsed 0:25  eta 0:00", lines[9]);
    }

    @Test
    void onATerminalRewritesOneLine() {
        AtomicLong now = new AtomicLong(0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar =
                new ProgressBar(
                        new PrintStream(bytes, true, StandardCharsets.UTF_8),
                        true,
                        now::get,
                        1,
                        1,
                        2);
        now.addAndGet(SECOND);
        bar.update(1, 12.5);
        now.addAndGet(SECOND);
        bar.update(2, 1.25);
        assertEquals(
                "\repoch 1/1  batch 1/2  loss 12.5000  elapsed 0:01  eta 0:01"
                        + "\repoch 1/1  batch 2/2  loss 1.2500  elapsed 0:02  eta 0:00 \n",
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void refusesBatchesOutOfRange() {
        ProgressBar bar = new ProgressBar(System.err, false, () -> 0, 1, 1, 3);
        assertThrows(IllegalArgumentException.class, () -> bar.update(0, 1));
        assertThrows(IllegalArgumentException.class, () -> bar.update(4, 1));
        assertThrows(IllegalArgumentException.class, () -> ProgressBar.start(0, 3, 10));
    }
}
