/**
 * Experiment grids: experiment files (datasets x rows x seeds), their cells, each run in a JVM of
 * its own ({@link io.tributary.grid.CellRun}) and resumed where it stopped, on this machine or a
 * cluster behind one small interface ({@link io.tributary.grid.CellExecutor}; {@code ./msa
 * reproduce}), and the hyper-parameter search that selects on the validation split alone ({@code
 * ./msa search}).
 */
package io.tributary.grid;
