package io.tributary.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.tributary.bert.BertConfig;
import io.tributary.bert.WordPieceTokenizer;
import io.tributary.data.MultimodalSplit;
import io.tributary.data.SyntheticData;
import io.tributary.inject.InjectionConfig;
import io.tributary.inject.InjectionModel;
import io.tributary.nn.ModelInputs;
import io.tributary.tensors.BlockParameters;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The injection model's gates reach the record under their own layers' names. */
class EvaluationTest {

    private static final List<String> VOCAB = WordPieceTokenizer.bundledVocabulary();

    @Test
    void eachLayersMeanGateIsRecordedUnderThatLayer() {
        MultimodalSplit split =
                SyntheticData.builder()
                        .optTrain(12)
                        .optAudioSteps(7)
                        .optAudioDim(4)
                        .optVisionSteps(7)
                        .optVisionDim(3)
                        .build()
                        .generate(VOCAB)
                        .get("train");
        InjectionConfig config =
                InjectionConfig.builder()
                        .optNonverbalHidden(8)
                        .optAttentionDim(8)
                        .optInjectedLayers(1, 0)
                        .build();
        try (NDManager manager = NDManager.newBaseManager()) {
            InjectionModel model =
                    new InjectionModel(
                            config,
                            BertConfig.tiny().withVocabSize(VOCAB.size()),
                            new ModelInputs(0, 4, 3, 0));
            model.initialize(manager, 11, 7, 7);
            Map<String, Parameter> named = BlockParameters.named(model);
            for (int k : List.of(0, 1)) {
                // g = sigmoid(w cos(h, x) + b) = sigmoid(b) with w = 0: b = 0 for layer 0, 2 for 1
                set(named.get("branch." + k + ".gate.w"), 0f);
                set(named.get("branch." + k + ".gate.b"), 2f * k);
            }
            Evaluation evaluation =
                    Evaluation.run(
                            model,
                            Families.objective(model),
                            split,
                            Task.MOSI,
                            TrainConfig.builder().optBatchSize(5).build(),
                            manager);
            assertEquals(List.of("layer_0", "layer_1"), List.copyOf(evaluation.gates().keySet()));
            assertEquals(0.5, evaluation.gates().get("layer_0"), 1e-6);
            assertEquals(1 / (1 + Math.exp(-2)), evaluation.gates().get("layer_1"), 1e-6);
        }
    }

    private static void set(Parameter parameter, float value) {
        parameter.getArray().set(FloatBuffer.wrap(new float[] {value}));
    }
}
