/**
 * Results tables: the {@code result.json} records of many runs (and the {@code cell.json} of grid
 * cells without one), grouped by dataset and row, summarised over seeds with paired tests against a
 * reference row, and written as Markdown, LaTeX, long-form CSV and bar charts. It reads records; it
 * trains nothing.
 *
 * <p>{@link io.tributary.report.ResultsTable} is the entry point ({@code ./msa table} and notebooks
 * call it), {@link io.tributary.report.RunTree} reads and groups a folder tree of records, {@link
 * io.tributary.report.SignedRankTest} is the exact Wilcoxon test and {@link
 * io.tributary.report.Decimals} the one way numbers are written unrounded.
 *
 * <p>For notebooks: {@link io.tributary.report.SessionInfo} (what the first cell prints), {@link
 * io.tributary.report.RunTables} (a run's {@code epochs.jsonl} and metrics as Tablesaw tables),
 * {@link io.tributary.report.EpochCharts} (columns per epoch as a line chart), {@link
 * io.tributary.report.BarCharts#chart} (one metric's bar chart) and {@link
 * io.tributary.report.ChartImages} (several charts as one image).
 */
package io.tributary.report;
