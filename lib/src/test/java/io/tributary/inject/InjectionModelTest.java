package io.tributary.inject;

import static io.tributary.inject.GateBlock.Kind.SIMILARITY;
import static io.tributary.inject.InjectionConfig.Compress.LAST;
import static io.tributary.inject.InjectionConfig.Compress.SEQUENCE;
import static io.tributary.inject.InjectionConfig.Injection.PARALLEL;
import static io.tributary.nn.ModelKind.INJECTION;
import static io.tributary.nn.ModelKind.MAG;
import static io.tributary.nn.ModelKind.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import io.tributary.bert.BertConfig;
import io.tributary.bert.WordPieceTokenizer;
import io.tributary.data.MultimodalDataset;
import io.tributary.data.MultimodalSplit;
import io.tributary.data.SyntheticData;
import io.tributary.nn.ModelInputs;
import io.tributary.nn.ModelKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Output shapes of every model kind and choice, on one synthetic batch of a tiny BERT. */
class InjectionModelTest {

    private static final List<String> VOCAB = WordPieceTokenizer.bundledVocabulary();
    private static final BertConfig BERT = BertConfig.tiny().withVocabSize(VOCAB.size());

    @Test
    void injectionModelReturnsNamedPredictionVectorsAndEachLayersGateAndAttention()
            throws Exception {
        NDList out = forward(config(INJECTION, LAST, SIMILARITY, PARALLEL), aligned(false));
        assertEquals(
                List.of(
                        "prediction",
                        "z_l",
                        "z_a",
                        "z_v",
                        "gate_0",
                        "attention_0",
                        "gate_1",
                        "attention_1"),
                names(out));
        long b = out.get("prediction").getShape().get(0);
        assertEquals(new Shape(b, 1), out.get("prediction").getShape());
        for (String z : List.of("z_l", "z_a", "z_v")) {
            assertEquals(new Shape(b, 32), out.get(z).getShape(), z);
        }
        long t = out.get("gate_0").getShape().get(1);
        for (int k : List.of(0, 1)) {
            assertEquals(new Shape(b, t), out.get(InjectionModel.gateOutput(k)).getShape());
            NDArray attention = out.get(InjectionModel.attentionOutput(k));
            assertEquals(new Shape(b, t, 2), attention.getShape());
            for (float sum : attention.sum(new int[] {2}).toFloatArray()) {
                assertEquals(1f, sum, 1e-5f);
            }
        }
    }

    @Test
    void outputsAreNamedAfterTheInjectedLayersInAscendingOrder() throws Exception {
        InjectionConfig config =
                InjectionConfig.builder()
                        .optNonverbalHidden(16)
                        .optAttentionDim(16)
                        .optInjectedLayers(1)
                        .build();
        NDList out = forward(config, aligned(false));
        assertEquals(
                List.of("prediction", "z_l", "z_a", "z_v", "gate_1", "attention_1"), names(out));
    }

    @Test
    void everyChoiceRunsWithItsDeclaredShapes() throws Exception {
        MultimodalSplit split = aligned(false);
        for (GateBlock.Kind gate : GateBlock.Kind.values()) {
            for (InjectionConfig.Injection injection : InjectionConfig.Injection.values()) {
                NDList out = forward(config(INJECTION, LAST, gate, injection), split);
                assertEquals(8, out.size(), gate + " " + injection);
            }
        }
        NDList sequence = forward(config(INJECTION, SEQUENCE, SIMILARITY, PARALLEL), split);
        long keys = sequence.get("attention_0").getShape().get(2);
        assertTrue(keys > 2, "sequence mode attends over frames, found " + keys + " keys");
    }

    @Test
    void baselinesReturnPredictionAndLanguageVectorOnly() throws Exception {
        NDList text = forward(config(TEXT, LAST, SIMILARITY, PARALLEL), aligned(false));
        assertEquals(List.of("prediction", "z_l"), names(text));
        NDList mag = forward(config(MAG, LAST, SIMILARITY, PARALLEL), aligned(true));
        assertEquals(List.of("prediction", "z_l"), names(mag));
    }

    private static InjectionConfig config(
            ModelKind model,
            InjectionConfig.Compress compress,
            GateBlock.Kind gate,
            InjectionConfig.Injection injection) {
        return InjectionConfig.builder()
                .optModel(model)
                .optNonverbalHidden(16)
                .optCompress(compress)
                .optAttentionDim(16)
                .optGate(gate)
                .optInjection(injection)
                .build();
    }

    /** Synthetic data; word-aligned (one frame per token position) when {@code aligned}. */
    private static MultimodalSplit aligned(boolean aligned) {
        return SyntheticData.builder()
                .optTrain(16)
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

    /**
     * One batch through a model of {@code config} in eval mode, its outputs copied out with their
     * names; the shapes must be those the model declares for the batch's inputs.
     */
    private static NDList forward(InjectionConfig config, MultimodalSplit split) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelInputs inputs = new ModelInputs(0, split.audio().dim(), split.vision().dim(), 0);
            InjectionModel model = new InjectionModel(config, BERT, inputs);
            model.initialize(manager, 11, split.audio().steps(), split.vision().steps());
            MultimodalDataset dataset =
                    MultimodalDataset.builder().setSplit(split).setSampling(8, false).build();
            Batch batch = dataset.getData(manager).iterator().next();
            NDList out = model.forward(new ParameterStore(manager, false), batch.getData(), false);
            assertEquals(
                    List.of(model.getOutputShapes(batch.getData().getShapes())),
                    List.of(out.getShapes()),
                    "declared shapes");
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

    private static List<String> names(NDList out) {
        return out.stream().map(NDArray::getName).toList();
    }
}
