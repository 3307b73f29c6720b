package io.tributary.train;

import io.tributary.bert.BertConfig;
import io.tributary.core.InputException;
import io.tributary.inject.InjectionConfig;
import io.tributary.inject.InjectionModel;
import io.tributary.mmmie.MmmieConfig;
import io.tributary.mmmie.MmmieModel;
import io.tributary.nn.ModelConfig;
import io.tributary.nn.ModelInputs;
import io.tributary.nn.MultimodalModel;
import java.util.List;

/** The model families the trainer knows: how to configure, build and score each. */
final class Families {

    /** The names {@code --model} takes. */
    static final List<String> MODELS = List.of("injection", "text", "mag", "mmmie");

    private Families() {}

    /** The default config of the model named {@code model}. */
    static ModelConfig defaults(String model) {
        if (!MODELS.contains(model)) {
            throw new InputException("--model " + model + ": expected one of " + MODELS);
        }
        if (model.equals(MmmieConfig.FAMILY)) {
            return MmmieConfig.defaults();
        }
        InjectionConfig d = InjectionConfig.defaults();
        return Settings.resolve(d, TrainConfig.defaults(), List.of("model=" + model)).model();
    }

    /** The config record type of {@code family}, for reading saved configs. */
    static Class<? extends ModelConfig> configType(String family) {
        return switch (family) {
            case InjectionConfig.FAMILY -> InjectionConfig.class;
            case MmmieConfig.FAMILY -> MmmieConfig.class;
            default ->
                    throw new InputException(
                            "family: expected one of [injection, mmmie], found " + family);
        };
    }

    static MultimodalModel build(ModelConfig config, BertConfig bert, ModelInputs inputs) {
        return config instanceof MmmieConfig mmmie
                ? new MmmieModel(mmmie, bert, inputs)
                : new InjectionModel((InjectionConfig) config, bert, inputs);
    }

    static Objective objective(MultimodalModel model) {
        if (model instanceof MmmieModel mmmie) {
            return new MmmieObjective(mmmie);
        }
        return InjectionObjective.of(
                (InjectionConfig) model.config(), model.inputs().emotions() > 0);
    }
}
