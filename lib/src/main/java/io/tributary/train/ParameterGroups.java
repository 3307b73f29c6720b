package io.tributary.train;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.tributary.tensors.BlockParameters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sorts the trainable parameters of a model into the learning-rate groups of DESIGN.md section 4
 * and marks those that take no weight decay.
 *
 * <ul>
 *   <li>{@link Group#PLM}: names starting with the PLM prefix (default {@code bert.}), learning
 *       rate 2e-5;
 *   <li>{@link Group#GATE}: the gates' parameters, as the model's structure gives them ({@link
 *       io.tributary.nn.MultimodalModel#gateParameters()}, the parameters of each {@link
 *       io.tributary.inject.GateBlock}), learning rate {@code gate_lr} (default 1e-2);
 *   <li>{@link Group#NEW}: everything else, learning rate 1e-3.
 * </ul>
 *
 * The PLM prefix is tested first, so the PLM's own parameters stay in the PLM group whatever their
 * names. A gate parameter is recognised as the very {@link Parameter} object the model gives, not
 * by its name.
 *
 * <p><b>No weight decay</b> for: biases (last segment {@code bias}, or DJL's {@link
 * Parameter.Type#BIAS}, as an LSTM's {@code l_0_i2h_BIAS}); every parameter of a normalisation
 * block (a segment before the last whose lower-case form ends in {@code norm}, optionally followed
 * by digits: {@code LayerNorm}, {@code layer_norm}, {@code norm}, {@code norm1}); and gate
 * parameters of one element (the similarity gate's w and b). Frozen parameters ({@link
 * Parameter#requiresGradient()} false) are left out; a parameter reachable under two names is kept
 * once, under the first.
 */
public final class ParameterGroups {

    /** The learning-rate groups. */
    public enum Group {
        PLM,
        GATE,
        NEW
    }

    /**
     * One trainable parameter and how it is optimised.
     *
     * @param name the PyTorch-style name ({@link BlockParameters#named(Block)})
     * @param parameter the parameter, initialised
     * @param group its group
     * @param learningRate its group's base learning rate
     * @param decay whether weight decay applies to it
     */
    public record Member(
            String name, Parameter parameter, Group group, double learningRate, boolean decay) {}

    private final List<Member> members;
    private final Map<Group, Double> learningRates;

    private ParameterGroups(Builder builder) {
        learningRates = new EnumMap<>(Group.class);
        learningRates.put(Group.PLM, builder.plmLearningRate);
        learningRates.put(Group.GATE, builder.gateLearningRate);
        learningRates.put(Group.NEW, builder.newLearningRate);
        List<Member> sorted = new ArrayList<>();
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Parameter> gates = Collections.newSetFromMap(new IdentityHashMap<>());
        gates.addAll(builder.gates);
        for (Map.Entry<String, Parameter> entry : builder.parameters.entrySet()) {
            String name = entry.getKey();
            Parameter parameter = entry.getValue();
            if (!parameter.requiresGradient() || !seen.add(parameter)) {
                continue;
            }
            if (!parameter.isInitialized()) {
                throw new IllegalArgumentException(
                        "parameter " + name + " is not initialised; initialise the model first");
            }
            Group group =
                    name.startsWith(builder.plmPrefix)
                            ? Group.PLM
                            : gates.contains(parameter) ? Group.GATE : Group.NEW;
            boolean decay = !noDecay(name, parameter, group);
            sorted.add(new Member(name, parameter, group, learningRates.get(group), decay));
        }
        members = List.copyOf(sorted);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The trainable parameters in the order of the model's parameter map. */
    public List<Member> members() {
        return members;
    }

    /** The base learning rate of a group. */
    public double learningRate(Group group) {
        return learningRates.get(group);
    }

    private static boolean noDecay(String name, Parameter parameter, Group group) {
        String[] segments = name.split("\\.");
        if (segments[segments.length - 1].equals("bias")
                || parameter.getType() == Parameter.Type.BIAS) {
            return true;
        }
        for (int i = 0; i < segments.length - 1; i++) {
            if (segments[i].toLowerCase(Locale.ROOT).matches(".*norm\\d*")) {
                return true;
            }
        }
        return group == Group.GATE && parameter.getArray().size() == 1;
    }

    /** Settings of {@link ParameterGroups}; only the parameters are required. */
    public static final class Builder {

        private Map<String, Parameter> parameters;
        private String plmPrefix = "bert.";
        private Collection<Parameter> gates = List.of();
        private double plmLearningRate = 2e-5;
        private double gateLearningRate = 1e-2;
        private double newLearningRate = 1e-3;

        private Builder() {}

        /** Every parameter of a block tree, named by {@link BlockParameters#named(Block)}. */
        public Builder setBlock(Block block) {
            return setParameters(BlockParameters.named(block));
        }

        /** Parameters by name, in the order they should be listed. */
        public Builder setParameters(Map<String, Parameter> named) {
            this.parameters = named;
            return this;
        }

        /**
         * The name prefix of the pre-trained language model's parameters; default {@code bert.}.
         */
        public Builder optPlmPrefix(String prefix) {
            this.plmPrefix = prefix;
            return this;
        }

        /**
         * The gates' parameters, those that learn at {@code gate_lr}: {@link
         * io.tributary.nn.MultimodalModel#gateParameters()}; default none.
         */
        public Builder optGateParameters(Collection<Parameter> gates) {
            this.gates = gates;
            return this;
        }

        public Builder optPlmLearningRate(double learningRate) {
            this.plmLearningRate = learningRate;
            return this;
        }

        /** {@code gate_lr} of DESIGN.md section 1. */
        public Builder optGateLearningRate(double learningRate) {
            this.gateLearningRate = learningRate;
            return this;
        }

        public Builder optNewLearningRate(double learningRate) {
            this.newLearningRate = learningRate;
            return this;
        }

        public ParameterGroups build() {
            if (parameters == null) {
                throw new IllegalArgumentException("parameters are required: call setBlock");
            }
            if (plmPrefix == null || plmPrefix.isEmpty()) {
                throw new IllegalArgumentException(
                        "PLM prefix must be non-empty, got '" + plmPrefix + "'");
            }
            checkRate("PLM", plmLearningRate);
            checkRate("gate", gateLearningRate);
            checkRate("new", newLearningRate);
            return new ParameterGroups(this);
        }

        private static void checkRate(String group, double rate) {
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException(
                        group + " learning rate must be finite and >= 0, got " + rate);
            }
        }
    }
}
