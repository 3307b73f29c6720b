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
    void injectionModelReturnsPredictionVectorsGatesAndAttention() throws Exception {
        NDList out = forward(config(INJECTION, LAST, SIMILARITY, PARALLEL), aligned(false));
        assertEquals(6, out.size());
        long b = out.get(0).getShape().get(0);
        assertEquals(new Shape(b, 1), out.get(0).getShape());
        assertEquals(new Shape(b, 32), out.get(1).getShape());
        assertEquals(new Shape(b, 32), out.get(2).getShape());
        assertEquals(new Shape(b, 32), out.get(3).getShape());
        long t = out.get(4).getShape().get(2);
        assertEquals(new Shape(b, 2, t), out.get(4).getShape());
        assertEquals(new Shape(b, 2, t, 2), out.get(5).getShape());
        float[] rowSums = out.get(5).sum(new int[] {3}).toFloatArray();
        for (float sum : rowSums) {
            assertEquals(1f, sum, 1e-5f);
        }
    }

    @Test
    void everyChoiceRuns() throws Exception {
        MultimodalSplit split = aligned(false);
        for (GateBlock.Kind gate : GateBlock.Kind.values()) {
            for (InjectionConfig.Injection injection : InjectionConfig.Injection.values()) {
                NDList out = forward(config(INJECTION, LAST, gate, injection), split);
                assertEquals(6, out.size(), gate + " " + injection);
            }
        }
        NDList sequence = forward(config(INJECTION, SEQUENCE, SIMILARITY, PARALLEL), split);
        long keys = sequence.get(5).getShape().get(3);
        assertTrue(keys > 2, "sequence mode attends over frames, found " + keys + " keys");
    }

    @Test
    void baselinesReturnPredictionAndLanguageVectorOnly() throws Exception {
        assertEquals(2, forward(config(TEXT, LAST, SIMILARITY, PARALLEL), aligned(false)).size());
        assertEquals(2, forward(config(MAG, LAST, SIMILARITY, PARALLEL), aligned(true)).size());
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

    private static NDList forward(InjectionConfig config, MultimodalSplit split) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelInputs inputs = new ModelInputs(0, split.audio().dim(), split.vision().dim(), 0);
            InjectionModel model = new InjectionModel(config, BERT, inputs);
            model.initialize(manager, 11, split.audio().steps(), split.vision().steps());
            MultimodalDataset dataset =
                    MultimodalDataset.builder().setSplit(split).setSampling(8, false).build();
            Batch batch = dataset.getData(manager).iterator().next();
            NDList out = model.forward(new ParameterStore(manager, false), batch.getData(), false);
            NDList copy = new NDList();
            for (var array : out) {
                copy.add(array.duplicate());
            }
            copy.detach();
            return copy;
        }
    }
}
