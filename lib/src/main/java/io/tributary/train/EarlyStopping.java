package io.tributary.train;

/**
 * Early stopping on a value to minimise (the validation task loss), as MMSA's trainers do it: an
 * epoch is the best so far when its value is at most the best value minus 1e-6, and training stops
 * once {@code patience} epochs have passed since the best one.
 */
public final class EarlyStopping {

    /** How much lower than the best value a new value must be to count as better (MMSA's). */
    public static final double MIN_DELTA = 1e-6;

    private final int patience;
    private int epoch;
    private int bestEpoch;
    private double bestValue = Double.POSITIVE_INFINITY;

    /**
     * What one epoch's value means for training.
     *
     * @param best the epoch is the best so far: keep its checkpoint
     * @param stop training should stop after this epoch
     */
    public record Decision(boolean best, boolean stop) {}

    /** Patience 8, the default of DESIGN.md section 4. */
    public EarlyStopping() {
        this(8);
    }

    public EarlyStopping(int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        }
        this.patience = patience;
    }

    /**
     * The state after {@code epoch} epochs whose best was {@code bestEpoch} with {@code bestValue}
     * (0 and infinity when none was), as a checkpoint recorded it.
     */
    public static EarlyStopping restored(int patience, int epoch, int bestEpoch, double bestValue) {
        EarlyStopping stopping = new EarlyStopping(patience);
        stopping.epoch = epoch;
        stopping.bestEpoch = bestEpoch;
        stopping.bestValue = bestValue;
        return stopping;
    }

    /** Records the value of the next epoch (a NaN value is never the best). */
    public Decision update(double value) {
        epoch++;
        boolean best = value <= bestValue - MIN_DELTA;
        if (best) {
            bestValue = value;
            bestEpoch = epoch;
        }
        return new Decision(best, stopped());
    }

    /** Whether {@code patience} epochs have passed since the best one: training is over. */
    public boolean stopped() {
        return epoch - bestEpoch >= patience;
    }

    /** The epochs recorded so far. */
    public int getEpoch() {
        return epoch;
    }

    /** The best epoch, counted from 1; 0 before any epoch was the best. */
    public int getBestEpoch() {
        return bestEpoch;
    }

    /** The best value; infinity before any epoch was the best. */
    public double getBestValue() {
        return bestValue;
    }
}
