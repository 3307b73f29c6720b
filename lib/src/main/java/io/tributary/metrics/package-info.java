/**
 * The field's evaluation metrics, as MMSA's and MulT's metric code computes them: pure functions of
 * predictions and labels.
 *
 * <p>{@link io.tributary.metrics.RegressionMetrics} holds the regression conventions of CMU-MOSI,
 * CMU-MOSEI and CH-SIMS, {@link io.tributary.metrics.IemocapMetrics} the per-emotion classification
 * of IEMOCAP, {@link io.tributary.metrics.Scores} the accuracy, weighted F1, MAE and correlation
 * they share, and {@link io.tributary.metrics.PredictionCsv} reads the {@code prediction,label}
 * files of {@code ./msa metrics}. Values and thresholds are float32, as in numpy's code; every
 * metric is rounded to 4 places, half to even.
 */
package io.tributary.metrics;
