package io.tributary.data.sdk;

/**
 * One video's numeric computational sequence: row i is the frame {@code frames[i]} (d values)
 * recorded over {@code intervals} row i.
 *
 * @param video the video id
 * @param intervals the frames' time intervals
 * @param frames (n, d) feature values
 * @param dim d, the feature width (known even when n = 0)
 */
public record FeatureSequence(String video, Intervals intervals, float[][] frames, int dim) {}
