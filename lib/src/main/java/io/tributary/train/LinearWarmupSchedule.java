package io.tributary.train;

/**
 * The learning-rate multiplier of Hugging Face's {@code get_linear_schedule_with_warmup}: a linear
 * rise from 0 over the first W steps, then a linear fall to 0 at the last step T.
 *
 * <pre>
 * s(t) = t / max(1, W)                        t &lt; W
 * s(t) = max(0, (T − t) / max(1, T − W))      t ≥ W
 * </pre>
 *
 * with W = ⌊fraction · T⌋. The step t counts the optimizer steps already taken (the first step uses
 * s(0), which is 0 when there is a warm-up, as in Hugging Face's loop).
 */
public final class LinearWarmupSchedule {

    private final int totalSteps;
    private final int warmupSteps;

    private LinearWarmupSchedule(int totalSteps, int warmupSteps) {
        this.totalSteps = totalSteps;
        this.warmupSteps = warmupSteps;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** s(t) for {@code step} = t ≥ 0. */
    public double multiplier(int step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        if (step < warmupSteps) {
            return (double) step / Math.max(1, warmupSteps);
        }
        return Math.max(0.0, (double) (totalSteps - step) / Math.max(1, totalSteps - warmupSteps));
    }

    /** T. */
    public int getTotalSteps() {
        return totalSteps;
    }

    /** W. */
    public int getWarmupSteps() {
        return warmupSteps;
    }

    /** Settings of {@link LinearWarmupSchedule}; the total number of steps is required. */
    public static final class Builder {

        private int totalSteps;
        private double warmupFraction = 0.1;

        private Builder() {}

        /** T, the number of optimizer steps of the whole run (epochs times batches per epoch). */
        public Builder setTotalSteps(int totalSteps) {
            this.totalSteps = totalSteps;
            return this;
        }

        /** The warm-up's share of T; default 0.1. */
        public Builder optWarmupFraction(double warmupFraction) {
            this.warmupFraction = warmupFraction;
            return this;
        }

        public LinearWarmupSchedule build() {
            if (totalSteps < 1) {
                throw new IllegalArgumentException("total steps must be >= 1, got " + totalSteps);
            }
            if (!(warmupFraction >= 0 && warmupFraction <= 1)) {
                throw new IllegalArgumentException(
                        "warm-up fraction must be in [0, 1], got " + warmupFraction);
            }
            return new LinearWarmupSchedule(totalSteps, (int) (warmupFraction * totalSteps));
        }
    }
}
