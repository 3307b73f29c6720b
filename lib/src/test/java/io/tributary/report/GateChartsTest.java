package io.tributary.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tributary.train.GateTrace;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each chart of the gate analysis draws from hand-made values and writes a readable PNG. */
class GateChartsTest {

    @TempDir Path dir;

    private static final float[][] MASK = {{1, 1, 1}, {1, 1, 0}, {1, 0, 0}};
    private static final float[][][] GATES = {
        {{0.1f, 0.2f, 0.3f}, {0.5f, 0.7f, 0.5f}, {0.9f, 0.5f, 0.5f}},
        {{0.4f, 0.4f, 0.4f}, {0.6f, 0.6f, 0.5f}, {0.8f, 0.5f, 0.5f}}
    };

    private static GateTrace trace(float[] labels) {
        return new GateTrace(
                Path.of("runs", "seed-1"),
                "test",
                List.of(0, 1),
                GATES,
                MASK,
                Map.of(),
                labels,
                null);
    }

    @Test
    void everyChartIsAnImageThatWritesAsPng() throws IOException {
        GateTrace trace = trace(new float[] {0.5f, -1.5f, 2.5f});
        List<BufferedImage> images =
                List.of(
                        GateCharts.heatmap(trace),
                        GateCharts.histograms(trace),
                        GateCharts.gateAgainstLabel(trace),
                        GateCharts.attention(
                                Map.of(
                                        "informative",
                                        List.of(GateStatisticsTest.run(1, 0.5, 0.7)),
                                        "noise",
                                        List.of(
                                                GateStatisticsTest.run(1, 0.4, 0.4),
                                                GateStatisticsTest.run(2, 0.4, 0.6)))));
        for (int i = 0; i < images.size(); i++) {
            BufferedImage image = images.get(i);
            assertEquals(800, image.getWidth());
            assertNotEquals(image.getRGB(0, 0), image.getRGB(400, image.getHeight() / 2), "blank");
            Path png = dir.resolve(i + ".png");
            GateCharts.writePng(image, png);
            BufferedImage read = ImageIO.read(png.toFile());
            assertEquals(image.getWidth(), read.getWidth());
            assertEquals(image.getHeight(), read.getHeight());
        }
    }

    @Test
    void gateAgainstLabelNeedsOneLabelPerSample() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> GateCharts.gateAgainstLabel(trace(new float[12])));
        assertEquals(
                "gate against |label|: expected one label per sample (a regression task), found"
                        + " 12 labels for 3 samples",
                e.getMessage());
    }
}
