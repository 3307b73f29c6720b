package io.tributary.mmmie;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import io.tributary.data.MultimodalSplit;
import io.tributary.nn.Modalities;
import io.tributary.tensors.BlockParameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code modalities}: a stream left out has no encoder, token, MI pairs or L_min term, so MMMIE's
 * outputs do not depend on its values.
 */
class MmmieModalitiesTest {

    private static final int AUDIO = 3;
    private static final int VISION = 5;

    @Test
    void outputsIgnoreTheValuesOfARemovedStream() throws Exception {
        for (MmmieConfig.Tokens tokens : MmmieConfig.Tokens.values()) {
            for (MmmieConfig.Minimizer minimizer : MmmieConfig.Minimizer.values()) {
                assertIgnores(config(tokens, minimizer, "text,acoustic"), VISION);
                assertIgnores(config(tokens, minimizer, "text,visual"), AUDIO);
                assertDepends(config(tokens, minimizer, "text,acoustic,visual"), VISION);
                assertDepends(config(tokens, minimizer, "text,acoustic,visual"), AUDIO);
            }
        }
    }

    @Test
    void aRemovedStreamHasNoParametersPairsOrTerms() throws Exception {
        MmmieConfig config =
                config(MmmieConfig.Tokens.VECTOR, MmmieConfig.Minimizer.CLUB, "text,acoustic");
        assertEquals(List.of("ta"), config.pairs());
        MultimodalSplit split = TinyMmmie.split(8, 3);
        try (NDManager manager = NDManager.newBaseManager()) {
            MmmieModel model = TinyMmmie.model(manager, config, split);
            List<String> names = List.copyOf(BlockParameters.named(model).keySet());
            for (String absent :
                    List.of("visual_encoder", "projection_v", "critic_tv", "critic_av", "club.v")) {
                assertFalse(names.stream().anyMatch(n -> n.startsWith(absent)), absent);
            }
            assertTrue(names.stream().anyMatch(n -> n.startsWith("acoustic_encoder")));
            assertEquals(List.of("t", "a"), List.copyOf(model.club().keySet()));
            Batch batch = TinyMmmie.batch(manager, split, 8);
            NDList out = model.forward(new ParameterStore(manager, false), batch.getData(), false);
            assertEquals(
                    List.of("prediction", "u_t", "u_a", "scores_ta", "x_t", "x_a"),
                    TinyMmmie.names(out));
            assertEquals(
                    List.of(model.getOutputShapes(batch.getData().getShapes())),
                    List.of(out.getShapes()));
            Map<String, NDArray> terms = new MmmieLoss(model).terms(batch.getLabels(), out);
            assertEquals(
                    List.of("task", "nce_ta", "mi_ta", "min_t", "min_a", "min", "total"),
                    List.copyOf(terms.keySet()));
            assertTrue(Float.isFinite(terms.get("total").getFloat()));
        }
    }

    @Test
    void textAloneHasNoPairs() throws Exception {
        MmmieConfig config = config(MmmieConfig.Tokens.VECTOR, MmmieConfig.Minimizer.VIB, "text");
        assertEquals(List.of(), config.pairs());
        assertIgnores(config, AUDIO);
        assertIgnores(config, VISION);
    }

    private static MmmieConfig config(
            MmmieConfig.Tokens tokens, MmmieConfig.Minimizer minimizer, String modalities) {
        return MmmieConfig.builder()
                .optFeatureDim(TinyMmmie.FEATURE_DIM)
                .optLstmHidden(8)
                .optTokens(tokens)
                .optMinimizer(minimizer)
                .optModalities(Modalities.parse(modalities))
                .build();
    }

    private static void assertIgnores(MmmieConfig config, int stream) throws Exception {
        List<float[]> same = forward(config, stream, false);
        List<float[]> changed = forward(config, stream, true);
        assertEquals(same.size(), changed.size());
        for (int i = 0; i < same.size(); i++) {
            assertArrayEquals(same.get(i), changed.get(i), config.modalities() + " output " + i);
        }
    }

    private static void assertDepends(MmmieConfig config, int stream) throws Exception {
        float[] same = forward(config, stream, false).get(0);
        float[] changed = forward(config, stream, true).get(0);
        assertFalse(Arrays.equals(same, changed), config.tokens() + " reads input " + stream);
    }

    /**
     * Every output of one eval-mode batch plus L's terms, the model seeded alike every time; with
     * {@code random}, input {@code stream}'s values replaced by uniform noise.
     */
    private static List<float[]> forward(MmmieConfig config, int stream, boolean random)
            throws Exception {
        MultimodalSplit split = TinyMmmie.split(8, 3);
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(11);
            MmmieModel model = TinyMmmie.model(manager, config, split);
            Batch batch = TinyMmmie.batch(manager, split, 8);
            NDList data = batch.getData();
            if (random) {
                data.set(stream, manager.randomUniform(-3f, 3f, data.get(stream).getShape()));
            }
            NDList out = model.forward(new ParameterStore(manager, false), data, false);
            List<float[]> values =
                    new ArrayList<>(out.stream().map(NDArray::toFloatArray).toList());
            new MmmieLoss(model)
                    .terms(batch.getLabels(), out)
                    .values()
                    .forEach(term -> values.add(term.toFloatArray()));
            return values;
        }
    }
}
