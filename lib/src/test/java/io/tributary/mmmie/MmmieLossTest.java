package io.tributary.mmmie;

import static io.tributary.mmmie.MiCriticBlock.Kind.PROJECTED_COSINE;
import static io.tributary.mmmie.MmmieConfig.Minimizer.CLUB;
import static io.tributary.mmmie.MmmieConfig.Tokens.VECTOR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.tributary.data.MultimodalSplit;
import io.tributary.loss.ContrastiveLoss;
import io.tributary.tensors.BlockParameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The InfoNCE estimate by hand, the named terms of L for every choice, and the CLUB step. */
class MmmieLossTest {

    private static final int B = 6;

    @Test
    void identicalPairsGiveALowerNceAndAHigherMiEstimateThanShuffledOnes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MiCriticBlock critic = MiCriticBlock.builder().setUnits(2).build();
            critic.initialize(manager, DataType.FLOAT32, new Shape(2, 2), new Shape(2, 2));
            Map<String, Parameter> named = BlockParameters.named(critic);
            for (String p : List.of("P", "Q")) {
                named.get(p + ".weight").getArray().set(new float[] {1, 0, 0, 1});
                named.get(p + ".bias").getArray().set(new float[] {0, 0});
            }
            NDArray x = manager.create(new float[] {1, 0, 0, 1}, new Shape(2, 2));
            NDArray shuffled = manager.create(new float[] {0, 1, 1, 0}, new Shape(2, 2));
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray same = critic.forward(ps, new NDList(x, x), false).head();
            NDArray other = critic.forward(ps, new NDList(x, shuffled), false).head();
            // S = [[10, 0], [0, 10]]: NCE = log(1 + e^-10); swapped, log(1 + e^10).
            float low = (float) Math.log1p(Math.exp(-10));
            float high = (float) Math.log1p(Math.exp(10));
            assertEquals(low, ContrastiveLoss.infoNce(same).getFloat(), 1e-6f);
            assertEquals(high, ContrastiveLoss.infoNce(other).getFloat(), 1e-5f);
            float log2 = (float) Math.log(2);
            assertEquals(log2 - low, MmmieLoss.miEstimate(same).getFloat(), 1e-6f);
            assertEquals(log2 - high, MmmieLoss.miEstimate(other).getFloat(), 1e-5f);
        }
    }

    @Test
    void termsAreNamedAndAddUpToL() throws Exception {
        MultimodalSplit split = TinyMmmie.split(B, 3);
        for (MmmieConfig.Minimizer minimizer : MmmieConfig.Minimizer.values()) {
            for (boolean max : List.of(true, false)) {
                MmmieConfig config =
                        TinyMmmie.config(VECTOR, true, PROJECTED_COSINE, minimizer, max);
                try (NDManager manager = NDManager.newBaseManager()) {
                    MmmieModel model = TinyMmmie.model(manager, config, split);
                    Batch batch = TinyMmmie.batch(manager, split, B);
                    NDList out =
                            model.forward(
                                    new ParameterStore(manager, false), batch.getData(), true);
                    MmmieLoss loss = new MmmieLoss(model);
                    Map<String, NDArray> terms = loss.terms(batch.getLabels(), out);
                    checkTerms(config, terms, minimizer + " max " + max);
                    assertEquals(
                            terms.get("total").getFloat(),
                            loss.evaluate(batch.getLabels(), out).getFloat(),
                            1e-6f);
                }
            }
        }
    }

    private static void checkTerms(MmmieConfig config, Map<String, NDArray> terms, String what) {
        List<String> names = new ArrayList<>(List.of("task"));
        if (config.miMaximization()) {
            names.addAll(List.of("nce_ta", "nce_tv", "nce_av", "mi_ta", "mi_tv", "mi_av"));
        }
        if (config.minimizer() != MmmieConfig.Minimizer.NONE) {
            names.addAll(List.of("min_t", "min_a", "min_v", "min"));
        }
        names.add("total");
        assertEquals(names, List.copyOf(terms.keySet()), what);
        float total = value(terms, "task");
        if (config.miMaximization()) {
            float max = 0;
            for (String pair : MmmieModel.PAIRS) {
                float nce = value(terms, "nce_" + pair);
                assertEquals((float) Math.log(B) - nce, value(terms, "mi_" + pair), 1e-5f, what);
                max += nce;
            }
            total += config.alpha() * max;
        }
        if (config.minimizer() != MmmieConfig.Minimizer.NONE) {
            float min = value(terms, "min_t") + value(terms, "min_a") + value(terms, "min_v");
            assertEquals(min, value(terms, "min"), 1e-5f, what);
            total += config.beta() * min;
        }
        assertEquals(total, value(terms, "total"), 1e-5f, what);
    }

    private static float value(Map<String, NDArray> terms, String name) {
        NDArray term = terms.get(name);
        assertEquals(new Shape(), term.getShape(), name);
        float value = term.getFloat();
        assertTrue(Float.isFinite(value), name + " = " + value);
        return value;
    }

    @Test
    void clubFitsQBeforeTheModelStepAndTheModelObjectiveLeavesQAlone() throws Exception {
        Engine.getInstance().setRandomSeed(17);
        MultimodalSplit split = TinyMmmie.split(B, 3);
        MmmieConfig config = TinyMmmie.config(VECTOR, true, PROJECTED_COSINE, CLUB, true);
        try (NDManager manager = NDManager.newBaseManager()) {
            MmmieModel model = TinyMmmie.model(manager, config, split);
            Map<String, Parameter> named = BlockParameters.named(model);
            Batch batch = TinyMmmie.batch(manager, split, B);
            MmmieLoss loss = new MmmieLoss(model);
            Parameter q = named.get("club.a.q_mu.2.weight");
            Parameter head = named.get("head.weight");
            float[] qBefore = q.getArray().toFloatArray();
            float[] headBefore = head.getArray().toFloatArray();

            NDList out;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.zeroGradients();
                out = model.forward(new ParameterStore(manager, false), batch.getData(), true);
                collector.backward(loss.clubFitLoss(out));
            }
            assertEquals(0f, norm(head.getArray().getGradient()), "the fit leaves the model alone");
            Optimizer adam =
                    Adam.builder()
                            .optLearningRateTracker(Tracker.fixed(config.clubLearningRate()))
                            .build();
            for (Map.Entry<String, Parameter> p : named.entrySet()) {
                if (p.getKey().startsWith("club.")) {
                    NDArray array = p.getValue().getArray();
                    adam.update(p.getValue().getId(), array, array.getGradient());
                }
            }
            assertFalse(Arrays.equals(qBefore, q.getArray().toFloatArray()));
            assertArrayEquals(headBefore, head.getArray().toFloatArray(), 0f);

            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.zeroGradients();
                collector.backward(loss.evaluate(batch.getLabels(), out));
            }
            for (Map.Entry<String, Parameter> p : named.entrySet()) {
                float gradient = norm(p.getValue().getArray().getGradient());
                if (p.getKey().startsWith("club.")) {
                    assertEquals(0f, gradient, p.getKey() + " gets no gradient from L");
                }
            }
            assertTrue(norm(head.getArray().getGradient()) > 0, "L trains the head");
            assertTrue(
                    norm(named.get("projection_a.mu.weight").getArray().getGradient()) > 0,
                    "L trains the features");
        }
    }

    @Test
    void aClubFitWithoutClubIsRefused() throws Exception {
        MultimodalSplit split = TinyMmmie.split(B, 3);
        try (NDManager manager = NDManager.newBaseManager()) {
            MmmieModel model = TinyMmmie.model(manager, TinyMmmie.config(), split);
            NDList out =
                    model.forward(
                            new ParameterStore(manager, false),
                            TinyMmmie.batch(manager, split, B).getData(),
                            false);
            IllegalStateException e =
                    assertThrows(
                            IllegalStateException.class,
                            () -> new MmmieLoss(model).clubFitLoss(out));
            assertEquals("minimizer: expected club for a CLUB fit, found vib", e.getMessage());
        }
    }

    private static float norm(NDArray gradient) {
        return gradient.abs().sum().getFloat();
    }
}
