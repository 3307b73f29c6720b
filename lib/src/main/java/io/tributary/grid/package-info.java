/**
 * Experiment grids: experiment files (datasets x rows x seeds), their cells, each trained in a JVM
 * of its own and resumed where it stopped ({@code ./msa reproduce}), and the hyper-parameter search
 * that selects on the validation split alone ({@code ./msa search}).
 */
package io.tributary.grid;
