package io.tributary.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.tributary.tensors.SafetensorsFile;
import io.tributary.train.ParameterGroups.Member;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam with decoupled weight decay, step for step PyTorch's {@code torch.optim.AdamW} (1.13),
 * preceded by {@code torch.nn.utils.clip_grad_norm_} over all parameters.
 *
 * <p>At step t, for each parameter p with gradient g, group learning rate η, schedule multiplier s
 * and weight decay λ (0 for the no-decay parameters of {@link ParameterGroups}):
 *
 * <pre>
 * g   ← g · min(1, c / (‖G‖₂ + 1e-6))      ‖G‖₂ the L2 norm of all gradients together, c the max norm
 * p   ← p · (1 − sη λ)
 * m   ← β₁ m + (1 − β₁) g
 * v   ← β₂ v + (1 − β₂) g²
 * p   ← p − (sη / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 *
 * DJL's own optimizers clip each element and update one parameter at a time, so neither the global
 * norm nor the grouped decay can be written with them.
 *
 * <p>A step consumes the gradients: they are zero afterwards, ready for the next backward (several
 * backward passes before one step add up, as in PyTorch). A parameter that took no part in the
 * backward has a zero gradient and is still decayed and moved by its moments, as in PyTorch after
 * {@code zero_grad(set_to_none=False)}.
 *
 * <p>The moments live in an {@link NDManager} of the optimizer's own, closed with it. A step
 * borrows the arrays it touches into a sub-manager that is closed at its end, so the number of live
 * arrays and the step time stay flat however many steps are taken. The update works on detached
 * views of the parameters, so it records nothing for autograd on any thread.
 */
public final class AdamW implements AutoCloseable {

    /** Every element: the index of whole-array assignments. */
    private static final NDIndex ALL = new NDIndex("...");

    private final List<Slot> slots;
    private final NDManager state;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final double maxGradNorm;
    private int stepCount;
    private String nonFiniteParameter;

    /** One parameter with its moments m and v. */
    private record Slot(Member member, NDArray m, NDArray v) {}

    private AdamW(Builder builder) {
        beta1 = builder.beta1;
        beta2 = builder.beta2;
        epsilon = builder.epsilon;
        weightDecay = builder.weightDecay;
        maxGradNorm = builder.maxGradNorm;
        List<Member> members = builder.groups.members();
        state = NDManager.newBaseManager(members.get(0).parameter().getArray().getDevice());
        slots = new ArrayList<>();
        for (Member member : members) {
            NDArray value = member.parameter().getArray();
            NDArray m = value.zerosLike();
            NDArray v = value.zerosLike();
            m.attach(state);
            v.attach(state);
            slots.add(new Slot(member, m, v));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How many steps were taken: the step number the schedule is asked about next. */
    public int getStepCount() {
        return stepCount;
    }

    /**
     * Clips the gradients to the configured max norm, applies one AdamW update at learning rate
     * {@code scale} times each group's rate, and zeroes the gradients. A step whose gradient norm
     * is not finite (a NaN or infinite gradient anywhere) changes no parameter and no moment: its
     * gradients are dropped and the returned norm says so.
     *
     * @param scale the schedule's multiplier for this step, {@code >= 0}
     * @return the L2 norm of all gradients before clipping
     */
    public double step(double scale) {
        if (!(scale >= 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException(
                    "learning-rate multiplier must be finite and >= 0, got " + scale);
        }
        try (NDManager scope = state.newSubManager()) {
            List<NDArray> gradients = borrow(scope);
            double norm = clip(gradients, maxGradNorm);
            nonFiniteParameter = null;
            if (!Double.isFinite(norm)) {
                nonFiniteParameter = firstNonFinite(gradients);
                gradients.forEach(g -> g.set(ALL, 0));
                return norm;
            }
            stepCount++;
            double correction1 = 1 - Math.pow(beta1, stepCount);
            double correction2Root = Math.sqrt(1 - Math.pow(beta2, stepCount));
            for (int i = 0; i < slots.size(); i++) {
                Slot slot = slots.get(i);
                NDArray g = gradients.get(i);
                NDArray p = slot.member().parameter().getArray().stopGradient();
                double lr = slot.member().learningRate() * scale;
                double decay = slot.member().decay() ? lr * weightDecay : 0;
                if (decay != 0) {
                    p.muli(1 - decay);
                }
                update(p, slot, g, lr / correction1, correction2Root);
            }
            return norm;
        }
    }

    /**
     * The moments' and the parameter's update, in place, with the gradient's array as the only
     * scratch (a step consumes it): no temporary array, which for BERT's word embeddings would be
     * 94 MB each, fresh pages from the kernel on every step. Leaves the gradient zero.
     */
    private void update(NDArray p, Slot slot, NDArray g, double stepSize, double correction2Root) {
        slot.m().muli(beta1).addi(g.muli(1 - beta1)); // g = (1 - β₁) g
        g.muli(g).muli((1 - beta2) / ((1 - beta1) * (1 - beta1))); // g = (1 - β₂) g²
        slot.v().muli(beta2).addi(g);
        g.set(ALL, slot.v());
        g.powi(0.5).divi(correction2Root).addi(epsilon); // √v / √(1 − β₂ᵗ) + ε
        g.powi(-1).muli(slot.m()).muli(stepSize);
        p.subi(g);
        g.set(ALL, 0);
    }

    /**
     * The name of the first parameter, in the groups' order, whose gradient held a NaN or infinite
     * value in the last step, or null when that step's gradient norm was finite.
     */
    public String nonFiniteParameter() {
        return nonFiniteParameter;
    }

    private String firstNonFinite(List<NDArray> gradients) {
        for (int i = 0; i < gradients.size(); i++) {
            NDArray g = gradients.get(i);
            if (g.isNaN().logicalOr(g.isInfinite()).any().getBoolean()) {
                return slots.get(i).member().name();
            }
        }
        return "(none: the norm of finite gradients overflowed)";
    }

    /**
     * Scales all gradients together so that their joint L2 norm is at most {@code maxNorm}, as
     * {@code torch.nn.utils.clip_grad_norm_}: coef = maxNorm / (‖G‖₂ + 1e-6), applied when below 1.
     * {@link #step} does this itself with the configured max norm.
     *
     * @return the joint norm before clipping
     */
    public double clipGradNorm(double maxNorm) {
        checkMaxNorm(maxNorm);
        try (NDManager scope = state.newSubManager()) {
            return clip(borrow(scope), maxNorm);
        }
    }

    /** Sets every gradient to zero. */
    public void zeroGrad() {
        try (NDManager scope = state.newSubManager()) {
            for (NDArray g : borrow(scope)) {
                g.set(ALL, 0);
            }
        }
    }

    /**
     * The moments by parameter name, {@code <prefix>m.<name>} and {@code <prefix>v.<name>}, for a
     * checkpoint; with {@link #getStepCount()} they are the optimizer's whole state.
     */
    Map<String, NDArray> moments(String prefix) {
        Map<String, NDArray> moments = new LinkedHashMap<>();
        for (Slot slot : slots) {
            moments.put(prefix + "m." + slot.member().name(), slot.m());
            moments.put(prefix + "v." + slot.member().name(), slot.v());
        }
        return moments;
    }

    /**
     * Restores the state {@link #moments} and {@link #getStepCount()} described: the moments read
     * from {@code file} under {@code prefix}, and the step count.
     */
    void restore(SafetensorsFile file, String prefix, int steps) {
        for (Slot slot : slots) {
            slot.m().set(FloatBuffer.wrap(file.finiteFloats(prefix + "m." + slot.member().name())));
            slot.v().set(FloatBuffer.wrap(file.finiteFloats(prefix + "v." + slot.member().name())));
        }
        stepCount = steps;
    }

    /** How many arrays the optimizer's manager holds now, sub-managers included. */
    int liveArrays() {
        return state.getManagedArrays().size();
    }

    /** Frees the moments. The parameters stay with their model. */
    @Override
    public void close() {
        state.close();
    }

    /**
     * Attaches the parameters and moments to {@code scope} until it closes, so that every array
     * derived from them in this step is closed with it; returns the gradients in slot order.
     */
    private List<NDArray> borrow(NDManager scope) {
        List<NDArray> gradients = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            NDArray value = slot.member().parameter().getArray();
            scope.tempAttachAll(value, slot.m(), slot.v());
            gradients.add(value.getGradient());
        }
        return gradients;
    }

    private static double clip(List<NDArray> gradients, double maxNorm) {
        NDList norms = new NDList(gradients.size());
        for (NDArray g : gradients) {
            norms.add(g.norm());
        }
        float total = NDArrays.stack(norms).norm().getFloat();
        float coefficient = (1f / (total + 1e-6f)) * (float) maxNorm;
        if (coefficient < 1) {
            for (NDArray g : gradients) {
                g.muli(coefficient);
            }
        }
        return total;
    }

    private static void checkMaxNorm(double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("max gradient norm must be > 0, got " + maxNorm);
        }
    }

    /** Settings of {@link AdamW}; the parameter groups are required. */
    public static final class Builder {

        private ParameterGroups groups;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double epsilon = 1e-8;
        private double weightDecay = 0.01;
        private double maxGradNorm = 1.0;

        private Builder() {}

        public Builder setParameterGroups(ParameterGroups groups) {
            this.groups = groups;
            return this;
        }

        /** β₁ and β₂; default 0.9 and 0.999. */
        public Builder optBetas(double beta1, double beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /** ε; default 1e-8. */
        public Builder optEpsilon(double epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        /** λ of the parameters that decay; default 0.01. */
        public Builder optWeightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /** The max joint gradient norm of each step; default 1.0, infinity for none. */
        public Builder optMaxGradNorm(double maxGradNorm) {
            this.maxGradNorm = maxGradNorm;
            return this;
        }

        public AdamW build() {
            if (groups == null) {
                throw new IllegalArgumentException("parameter groups are required");
            }
            if (groups.members().isEmpty()) {
                throw new IllegalArgumentException(
                        "no trainable parameters: every parameter is frozen");
            }
            checkBeta("beta1", beta1);
            checkBeta("beta2", beta2);
            if (!(epsilon > 0)) {
                throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
            }
            if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
                throw new IllegalArgumentException(
                        "weight decay must be finite and >= 0, got " + weightDecay);
            }
            checkMaxNorm(maxGradNorm);
            return new AdamW(this);
        }

        private static void checkBeta(String name, double beta) {
            if (!(beta >= 0 && beta < 1)) {
                throw new IllegalArgumentException(name + " must be in [0, 1), got " + beta);
            }
        }
    }
}
