package io.tributary.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Several charts as one image, for a notebook cell, whose value is shown as one {@code image/png}:
 * the charts row by row, {@code columns} to a row, each drawn at its own size in a cell as large as
 * the largest, on white.
 */
public final class ChartImages {

    private ChartImages() {}

    /**
     * @throws IllegalArgumentException when there is no chart or {@code columns} is below 1
     */
    public static BufferedImage grid(int columns, List<? extends Chart<?, ?>> charts) {
        if (charts.isEmpty() || columns < 1) {
            throw new IllegalArgumentException(
                    "expected at least one chart and one column, found "
                            + charts.size()
                            + " charts and "
                            + columns
                            + " columns");
        }
        int width = charts.stream().mapToInt(Chart::getWidth).max().orElseThrow();
        int height = charts.stream().mapToInt(Chart::getHeight).max().orElseThrow();
        int across = Math.min(columns, charts.size());
        int down = (charts.size() + across - 1) / across;
        BufferedImage image =
                new BufferedImage(across * width, down * height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < charts.size(); i++) {
                graphics.drawImage(
                        BitmapEncoder.getBufferedImage(charts.get(i)),
                        (i % across) * width,
                        (i / across) * height,
                        null);
            }
        } finally {
            graphics.dispose();
        }
        return image;
    }
}
