package io.tributary.train;

import io.tributary.bert.BertConfig;
import io.tributary.core.InputException;
import io.tributary.inject.InjectionConfig;
import io.tributary.inject.InjectionModel;
import io.tributary.nn.ModelConfig;
import io.tributary.nn.ModelInputs;
import io.tributary.nn.MultimodalModel;
import java.util.List;

/** The model families the trainer knows: how to configure, build and score each. */
final class Families {

    /** The names {@code --model} takes. */
    static final List<String> MODELS = List.of("injection", "text", "mag");

    private Families() {}

    /** The default config of the model named {@code model}. */
    static ModelConfig defaults(String model) {
        if (!MODELS.contains(model)) {
            throw new InputException("--model " + model + ": expected one of " + MODELS);
        }
        InjectionConfig d = InjectionConfig.defaults();
        return Settings.resolve(d, TrainConfig.defaults(), List.of("model=" + model)).model();
    }

    /** The config record type of {@code family}, for reading saved configs. */
    static Class<? extends ModelConfig> configType(String family) {
        if (family.equals(InjectionConfig.FAMILY)) {
            return InjectionConfig.class;
        }
        throw new InputException("family: expected one of [injection], found " + family);
    }

    static MultimodalModel build(ModelConfig config, BertConfig bert, ModelInputs inputs) {
        return new InjectionModel((InjectionConfig) config, bert, inputs);
    }

    static Objective objective(MultimodalModel model) {
        return InjectionObjective.of(
                (InjectionConfig) model.config(), model.inputs().emotions() > 0);
    }
}
