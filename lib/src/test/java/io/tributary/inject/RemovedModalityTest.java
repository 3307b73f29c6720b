package io.tributary.inject;

import static io.tributary.nn.ModelKind.INJECTION;
import static io.tributary.nn.ModelKind.MAG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.tributary.bert.BertConfig;
import io.tributary.bert.WordPieceTokenizer;
import io.tributary.data.MultimodalDataset;
import io.tributary.data.MultimodalSplit;
import io.tributary.data.SyntheticData;
import io.tributary.nn.Modalities;
import io.tributary.nn.ModelInputs;
import io.tributary.nn.ModelKind;
import io.tributary.tensors.BlockParameters;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code modalities}: a stream left out is masked out, so the injection model's and MAG's outputs
 * do not depend on its values, and its encoder has no parameters.
 */
class RemovedModalityTest {

    private static final List<String> VOCAB = WordPieceTokenizer.bundledVocabulary();
    private static final BertConfig BERT = BertConfig.tiny().withVocabSize(VOCAB.size());
    private static final int AUDIO = 3;
    private static final int VISION = 5;

    @Test
    void injectionOutputsIgnoreTheValuesOfARemovedStream() throws Exception {
        for (InjectionConfig.Compress compress : InjectionConfig.Compress.values()) {
            assertIgnores(config(INJECTION, compress, "text,acoustic"), VISION);
            assertIgnores(config(INJECTION, compress, "text,visual"), AUDIO);
            assertDepends(config(INJECTION, compress, "text,acoustic,visual"), VISION);
            assertDepends(config(INJECTION, compress, "text,acoustic,visual"), AUDIO);
        }
    }

    @Test
    void magOutputsIgnoreTheValuesOfARemovedStream() throws Exception {
        assertIgnores(config(MAG, InjectionConfig.Compress.LAST, "text,acoustic"), VISION);
        assertIgnores(config(MAG, InjectionConfig.Compress.LAST, "text,visual"), AUDIO);
        assertDepends(config(MAG, InjectionConfig.Compress.LAST, "text,acoustic,visual"), VISION);
        assertDepends(config(MAG, InjectionConfig.Compress.LAST, "text,acoustic,visual"), AUDIO);
    }

    @Test
    void aRemovedStreamHasNoParametersNoVectorAndNoKey() throws Exception {
        InjectionConfig noVisual =
                config(INJECTION, InjectionConfig.Compress.LAST, "text,acoustic");
        List<String> names = parameterNames(noVisual);
        assertTrue(names.stream().anyMatch(n -> n.startsWith("acoustic_")), names.toString());
        assertFalse(names.stream().anyMatch(n -> n.startsWith("visual_")), names.toString());
        NDList out = forward(noVisual, AUDIO, false);
        assertEquals(
                List.of(
                        "prediction",
                        "z_l",
                        "z_a",
                        "gate_0",
                        "attention_0",
                        "gate_1",
                        "attention_1"),
                out.stream().map(NDArray::getName).toList());
        assertEquals(1, out.get("attention_0").getShape().get(2));
        List<String> mag =
                parameterNames(config(MAG, InjectionConfig.Compress.LAST, "text,visual"));
        assertTrue(mag.stream().anyMatch(n -> n.startsWith("mag.W_v")), mag.toString());
        assertFalse(mag.stream().anyMatch(n -> n.startsWith("mag.W_a")), mag.toString());
        assertFalse(mag.stream().anyMatch(n -> n.startsWith("mag.W_ha")), mag.toString());
    }

    @Test
    void textAloneIsRefusedForModelsThatInjectAStream() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> config(INJECTION, InjectionConfig.Compress.LAST, "text"));
        assertTrue(e.getMessage().startsWith("modalities: expected text and at least one"));
        assertFalse(e.getMessage().contains("\n"));
    }

    private static InjectionConfig config(
            ModelKind model, InjectionConfig.Compress compress, String modalities) {
        return InjectionConfig.builder()
                .optModel(model)
                .optNonverbalHidden(8)
                .optAttentionDim(8)
                .optCompress(compress)
                .optModalities(Modalities.parse(modalities))
                .build();
    }

    private static void assertIgnores(InjectionConfig config, int stream) throws Exception {
        NDList same = forward(config, stream, false);
        NDList changed = forward(config, stream, true);
        assertEquals(same.size(), changed.size());
        for (int i = 0; i < same.size(); i++) {
            assertArrayEquals(
                    same.get(i).toFloatArray(),
                    changed.get(i).toFloatArray(),
                    config.modalities() + ": " + same.get(i).getName());
        }
    }

    private static void assertDepends(InjectionConfig config, int stream) throws Exception {
        float[] same = forward(config, stream, false).get("prediction").toFloatArray();
        float[] changed = forward(config, stream, true).get("prediction").toFloatArray();
        assertFalse(Arrays.equals(same, changed), config.model() + " reads input " + stream);
    }

    private static List<String> parameterNames(InjectionConfig config) {
        MultimodalSplit split = split(config.model() == MAG);
        try (NDManager manager = NDManager.newBaseManager()) {
            InjectionModel model = model(config, split, manager);
            return List.copyOf(BlockParameters.named(model).keySet());
        }
    }

    private static MultimodalSplit split(boolean aligned) {
        return SyntheticData.builder()
                .optTrain(8)
                .optAudioSteps(7)
                .optAudioDim(4)
                .optVisionSteps(7)
                .optVisionDim(3)
                .optSeed(5)
                .optWordAligned(aligned)
                .build()
                .generate(VOCAB)
                .get("train");
    }

    private static InjectionModel model(
            InjectionConfig config, MultimodalSplit split, NDManager manager) {
        ModelInputs inputs = new ModelInputs(0, split.audio().dim(), split.vision().dim(), 0);
        InjectionModel model = new InjectionModel(config, BERT, inputs);
        model.initialize(manager, 11, split.audio().steps(), split.vision().steps());
        return model;
    }

    /**
     * The outputs of one eval-mode batch, the model seeded alike every time; with {@code random},
     * input {@code stream}'s values replaced by uniform noise of the same shape.
     */
    private static NDList forward(InjectionConfig config, int stream, boolean random)
            throws Exception {
        MultimodalSplit split = split(config.model() == MAG);
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(11);
            InjectionModel model = model(config, split, manager);
            MultimodalDataset dataset =
                    MultimodalDataset.builder().setSplit(split).setSampling(8, false).build();
            NDList data = dataset.getData(manager).iterator().next().getData();
            if (random) {
                manager.getEngine().setRandomSeed(99);
                NDArray values = data.get(stream);
                data.set(stream, manager.randomUniform(-3f, 3f, values.getShape()));
            }
            NDList out = model.forward(new ParameterStore(manager, false), data, false);
            NDList copy = new NDList();
            for (NDArray array : out) {
                NDArray duplicate = array.duplicate();
                duplicate.setName(array.getName());
                copy.add(duplicate);
            }
            copy.detach();
            return copy;
        }
    }
}
