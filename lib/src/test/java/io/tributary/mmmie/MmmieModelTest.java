package io.tributary.mmmie;

import static io.tributary.mmmie.MiCriticBlock.Kind.BILINEAR;
import static io.tributary.mmmie.MiCriticBlock.Kind.PROJECTED_COSINE;
import static io.tributary.mmmie.MmmieConfig.Minimizer.CLUB;
import static io.tributary.mmmie.MmmieConfig.Minimizer.NONE;
import static io.tributary.mmmie.MmmieConfig.Minimizer.VIB;
import static io.tributary.mmmie.MmmieConfig.Tokens.SEQUENCE;
import static io.tributary.mmmie.MmmieConfig.Tokens.VECTOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import io.tributary.data.MultimodalSplit;
import io.tributary.nn.ModelInputs;
import io.tributary.tensors.BlockParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Output names and shapes of every choice, on one synthetic batch of a tiny MMMIE. */
class MmmieModelTest {

    private static final int B = 6;

    @Test
    void everyChoiceGivesItsNamedOutputsWithTheirShapes() throws Exception {
        MultimodalSplit split = TinyMmmie.split(B, 3);
        for (MmmieConfig.Tokens tokens : MmmieConfig.Tokens.values()) {
            boolean identity = tokens == VECTOR;
            for (MmmieConfig.Minimizer minimizer : MmmieConfig.Minimizer.values()) {
                MiCriticBlock.Kind critic = identity ? PROJECTED_COSINE : BILINEAR;
                MmmieConfig config = TinyMmmie.config(tokens, identity, critic, minimizer, true);
                checkOutputs(config, split, tokens + " " + identity + " " + critic);
                identity = !identity;
            }
        }
    }

    @Test
    void withoutMiMaximisationThereAreNoScores() throws Exception {
        MmmieConfig config = TinyMmmie.config(VECTOR, true, PROJECTED_COSINE, NONE, false);
        checkOutputs(config, TinyMmmie.split(B, 3), "no critics");
    }

    private static void checkOutputs(MmmieConfig config, MultimodalSplit split, String what)
            throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            MmmieModel model = TinyMmmie.model(manager, config, split);
            Batch batch = TinyMmmie.batch(manager, split, B);
            for (boolean training : List.of(false, true)) {
                NDList out =
                        model.forward(
                                new ParameterStore(manager, false), batch.getData(), training);
                List<String> expected = new ArrayList<>(List.of("prediction", "u_t", "u_a", "u_v"));
                List<Shape> shapes = new ArrayList<>();
                shapes.add(new Shape(B, 1));
                for (int m = 0; m < 3; m++) {
                    shapes.add(new Shape(B, TinyMmmie.FEATURE_DIM));
                }
                if (config.miMaximization()) {
                    for (String pair : MmmieModel.PAIRS) {
                        expected.add("scores_" + pair);
                        shapes.add(new Shape(B, B));
                    }
                }
                if (config.minimizer() == VIB) {
                    for (String m : MmmieModel.MODALITIES) {
                        expected.add("kl_" + m);
                        shapes.add(new Shape());
                    }
                }
                if (config.minimizer() == CLUB) {
                    expected.addAll(List.of("x_t", "x_a", "x_v"));
                    shapes.add(new Shape(B, TinyMmmie.BERT.hiddenSize()));
                    shapes.add(new Shape(B, split.audio().dim()));
                    shapes.add(new Shape(B, split.vision().dim()));
                }
                String context = what + " " + config.minimizer() + " training " + training;
                assertEquals(expected, TinyMmmie.names(out), context);
                assertEquals(shapes, List.of(out.getShapes()), context);
                Shape[] declared = model.getOutputShapes(batch.getData().getShapes());
                assertEquals(shapes, List.of(declared), context);
                for (NDArray array : out) {
                    for (float value : array.toFloatArray()) {
                        assertTrue(Float.isFinite(value), context + " " + array.getName());
                    }
                }
            }
        }
    }

    @Test
    void parametersAreNamedForTheTrainersGroups() throws Exception {
        MultimodalSplit split = TinyMmmie.split(B, 3);
        MmmieConfig config = TinyMmmie.config(SEQUENCE, true, PROJECTED_COSINE, CLUB, true);
        try (NDManager manager = NDManager.newBaseManager()) {
            MmmieModel model = TinyMmmie.model(manager, config, split);
            Map<String, Parameter> named = BlockParameters.named(model);
            Set<String> bert = new TreeSet<>(BlockParameters.named(model.bert()).keySet());
            Set<String> underBert = new TreeSet<>();
            Set<String> club = new TreeSet<>();
            Set<String> roots = new TreeSet<>();
            for (String name : named.keySet()) {
                if (name.startsWith("bert.")) {
                    underBert.add(name.substring("bert.".length()));
                } else if (name.startsWith("club.")) {
                    club.add(name);
                } else {
                    roots.add(
                            name.substring(
                                    0, name.indexOf('.') < 0 ? name.length() : name.indexOf('.')));
                }
            }
            assertEquals(bert, underBert);
            assertEquals(24, club.size());
            for (String m : MmmieModel.MODALITIES) {
                Set<String> own = new TreeSet<>();
                for (String name : BlockParameters.named(model.club().get(m)).keySet()) {
                    own.add("club." + m + "." + name);
                }
                assertTrue(club.containsAll(own), m);
            }
            assertEquals(
                    new TreeSet<>(
                            List.of(
                                    "acoustic_encoder",
                                    "visual_encoder",
                                    "projection_t",
                                    "projection_a",
                                    "projection_v",
                                    "identity_embedding",
                                    "fusion",
                                    "head",
                                    "critic_ta",
                                    "critic_tv",
                                    "critic_av")),
                    roots);
            assertTrue(named.containsKey("identity_embedding.position_a"));
            assertTrue(named.containsKey("fusion.encoder.layer.1.output.LayerNorm.weight"));
            assertTrue(named.containsKey("projection_t.mu.weight"));
            assertTrue(named.containsKey("critic_av.Q.weight"));
            for (Parameter p : named.values()) {
                assertTrue(p.isInitialized(), p.getName());
            }
        }
    }

    @Test
    void emotionHeadGivesTwoLogitsPerEmotion() throws Exception {
        MultimodalSplit split = TinyMmmie.split(B, 3);
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelInputs inputs = new ModelInputs(0, split.audio().dim(), split.vision().dim(), 4);
            MmmieModel model =
                    new MmmieModel(TinyMmmie.config(), TinyMmmie.BERT, inputs)
                            .initialize(manager, TinyMmmie.TEXT_LENGTH, 7, 5);
            Batch batch = TinyMmmie.batch(manager, split, B);
            NDList out = model.forward(new ParameterStore(manager, false), batch.getData(), false);
            assertEquals(new Shape(B, 4, 2), out.get(0).getShape());
        }
    }

    @Test
    void paddingDoesNotChangeAnyOutputInSequenceMode() throws Exception {
        Engine.getInstance().setRandomSeed(11);
        MultimodalSplit split = TinyMmmie.split(B, 4);
        MmmieConfig config = TinyMmmie.config(SEQUENCE, true, PROJECTED_COSINE, VIB, true);
        try (NDManager manager = NDManager.newBaseManager()) {
            MmmieModel model =
                    new MmmieModel(config, TinyMmmie.BERT, inputs(split))
                            .initialize(manager, TinyMmmie.TEXT_LENGTH + 3, 7 + 4, 5 + 2);
            NDList data = TinyMmmie.batch(manager, split, B).getData();
            ParameterStore ps = new ParameterStore(manager, false);
            NDList plain = model.forward(ps, data, false);
            NDList padded = model.forward(ps, padded(data, manager), false);
            assertEquals(TinyMmmie.names(plain), TinyMmmie.names(padded));
            for (int k = 0; k < plain.size(); k++) {
                float[] expected = plain.get(k).toFloatArray();
                float[] found = padded.get(k).toFloatArray();
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], found[i], 1e-5f, plain.get(k).getName() + "[" + i);
                }
            }
        }
    }

    /** The batch with 3 more text steps, 4 audio and 2 visual frames of padding (noise, mask 0). */
    private static NDList padded(NDList data, NDManager manager) {
        int[] extra = {3, 3, 3, 4, 4, 2, 2};
        NDList out = new NDList();
        for (int k = 0; k < data.size(); k++) {
            NDArray array = data.get(k);
            Shape shape = array.getShape();
            long[] dims = shape.getShape();
            dims[1] = extra[k];
            Shape padding = new Shape(dims);
            NDArray fill =
                    k == 3 || k == 5
                            ? manager.randomNormal(padding).mul(50f)
                            : manager.zeros(padding, array.getDataType());
            if (k == 0) {
                fill = manager.full(padding, 7, array.getDataType());
            }
            out.add(array.concat(fill, 1));
        }
        return out;
    }

    private static ModelInputs inputs(MultimodalSplit split) {
        return new ModelInputs(0, split.audio().dim(), split.vision().dim(), 0);
    }
}
