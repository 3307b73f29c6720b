package io.tributary.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

class ChartImagesTest {

    private static XYChart chart(int width, int height, String title) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).build();
        chart.addSeries("s", new double[] {1, 2}, new double[] {1, 2});
        return chart;
    }

    @Test
    void chartsFillTheGridRowByRowAndTheRestIsWhite() {
        XYChart third = chart(200, 100, "third");
        BufferedImage image =
                ChartImages.grid(2, List.of(chart(200, 100, "a"), chart(150, 120, "b"), third));
        assertEquals(400, image.getWidth());
        assertEquals(240, image.getHeight());
        // the third chart starts the second row, at its own size; the cell beside it stays white
        BufferedImage alone = BitmapEncoder.getBufferedImage(third);
        for (int x = 0; x < 200; x += 7) {
            for (int y = 0; y < 100; y += 7) {
                assertEquals(alone.getRGB(x, y), image.getRGB(x, 120 + y), x + "," + y);
            }
        }
        assertEquals(Color.WHITE.getRGB(), image.getRGB(399, 239));
        assertThrows(
                IllegalArgumentException.class,
                () -> ChartImages.grid(0, List.of(chart(10, 10, "t"))));
        assertThrows(IllegalArgumentException.class, () -> ChartImages.grid(2, List.of()));
    }
}
