/**
 * The Spark executor's driver: each cell of a grid as one Spark task whose work is the cell's JVM
 * ({@code ./msa reproduce --executor spark --master URL}).
 */
package io.tributary.spark;
