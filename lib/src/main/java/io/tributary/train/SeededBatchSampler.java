package io.tributary.train;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Batches of indices, shuffled from a seed (or in order when the seed is null): the batch order of
 * an epoch depends on the run's seed and the epoch alone, never on global random state.
 */
final class SeededBatchSampler implements Sampler {

    private final int batchSize;
    private final Long seed;

    SeededBatchSampler(int batchSize, Long seed) {
        this.batchSize = batchSize;
        this.seed = seed;
    }

    @Override
    public Iterator<List<Long>> sample(RandomAccessDataset dataset) {
        List<Long> order = new ArrayList<>();
        for (long i = 0; i < dataset.size(); i++) {
            order.add(i);
        }
        if (seed != null) {
            Collections.shuffle(order, new Random(seed));
        }
        List<List<Long>> batches = new ArrayList<>();
        for (int start = 0; start < order.size(); start += batchSize) {
            batches.add(order.subList(start, Math.min(order.size(), start + batchSize)));
        }
        return batches.iterator();
    }

    @Override
    public int getBatchSize() {
        return batchSize;
    }
}
