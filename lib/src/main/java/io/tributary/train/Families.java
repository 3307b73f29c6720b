package io.tributary.train;

import io.tributary.bert.BertConfig;
import io.tributary.core.InputException;
import io.tributary.inject.InjectionConfig;
import io.tributary.inject.InjectionModel;
import io.tributary.mmmie.MmmieConfig;
import io.tributary.mmmie.MmmieModel;
import io.tributary.nn.ModelConfig;
import io.tributary.nn.ModelInputs;
import io.tributary.nn.ModelKind;
import io.tributary.nn.MultimodalModel;

/** The model families the trainer knows: how to configure, build and score each. */
final class Families {

    private Families() {}

    /** The default config of {@code model}. */
    static ModelConfig defaults(ModelKind model) {
        return model == ModelKind.MMMIE
                ? MmmieConfig.defaults()
                : InjectionConfig.builder().optModel(model).build();
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
