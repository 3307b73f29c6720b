package io.tributary.mmmie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.tributary.tensors.BlockParameters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CLUB's two objectives by hand, where their gradients go, and the bound's ordering. */
class ClubEstimatorTest {

    @Test
    void aConditionalThatIgnoresXGivesABoundOfZeroAndAGaussianFit() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ClubEstimator club = new ClubEstimator(2);
            club.initialize(manager, DataType.FLOAT32, new Shape(3, 4));
            assertEquals(
                    List.of(
                            "q_mu.0.weight",
                            "q_mu.0.bias",
                            "q_mu.2.weight",
                            "q_mu.2.bias",
                            "q_logvar.0.weight",
                            "q_logvar.0.bias",
                            "q_logvar.2.weight",
                            "q_logvar.2.bias"),
                    List.copyOf(BlockParameters.named(club).keySet()));
            // q(u | x) = N((1, 0), diag(e^2, e^2)) whatever x is.
            Map<String, Parameter> named = BlockParameters.named(club);
            for (Parameter p : named.values()) {
                p.getArray().set(new float[(int) p.getShape().size()]);
            }
            named.get("q_mu.2.bias").getArray().set(new float[] {1, 0});
            named.get("q_logvar.2.bias").getArray().set(new float[] {2, 2});
            NDArray x = manager.randomNormal(new Shape(3, 4));
            NDArray u = manager.create(new float[] {1, 0, 2, 1, 3, -1}, new Shape(3, 2));
            assertEquals(0f, club.bound(x, u).getFloat(), 1e-5f);
            // -log q(u_i) = 0.5 (|u_i - (1, 0)|^2 / e^2 + 2 * 2 + 2 log 2 pi): squared distances
            // 0, 2 and 5, mean 7/3.
            double expected = 0.5 * ((7.0 / 3) / Math.exp(2) + 4 + 2 * Math.log(2 * Math.PI));
            assertEquals((float) expected, club.fitLoss(x, u).getFloat(), 1e-5f);
        }
    }

    @Test
    void theBoundTrainsUOnlyAndTheFitTrainsQOnly() {
        Engine.getInstance().setRandomSeed(7);
        try (NDManager manager = NDManager.newBaseManager()) {
            ClubEstimator club = new ClubEstimator(3);
            club.initialize(manager, DataType.FLOAT32, new Shape(4, 2));
            NDArray x = manager.randomNormal(new Shape(4, 2));
            NDArray u = manager.randomNormal(new Shape(4, 3));
            u.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.zeroGradients();
                collector.backward(club.bound(x, u));
            }
            assertTrue(norm(u.getGradient()) > 0, "the bound moves u");
            for (Parameter p : club.getParameters().values()) {
                assertEquals(0f, norm(p.getArray().getGradient()), p.getName());
            }
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.zeroGradients();
                collector.backward(club.fitLoss(x, u));
            }
            assertEquals(0f, norm(u.getGradient()), "the fit leaves u alone");
            float q = 0;
            for (Parameter p : club.getParameters().values()) {
                q += norm(p.getArray().getGradient());
            }
            assertTrue(q > 0, "the fit moves q");
        }
    }

    @Test
    void afterFittingQDependentPairsGiveTheLargerBound() {
        Engine.getInstance().setRandomSeed(13);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(new Shape(64, 4));
            NDArray w = manager.randomNormal(new Shape(4, 4));
            NDArray dependent = x.matMul(w).add(manager.randomNormal(new Shape(64, 4)).mul(0.3f));
            NDArray independent = manager.randomNormal(new Shape(64, 4));
            float dependentBound = fittedBound(manager, x, dependent);
            float independentBound = fittedBound(manager, x, independent);
            System.out.printf(
                    "CLUB bound after 300 Adam steps: dependent %.3f, independent %.3f%n",
                    dependentBound, independentBound);
            assertTrue(
                    dependentBound > independentBound + 1f,
                    "dependent " + dependentBound + ", independent " + independentBound);
        }
    }

    /** The bound after q has fitted the pairs for 300 steps of Adam at 1e-2. */
    private static float fittedBound(NDManager manager, NDArray x, NDArray u) {
        ClubEstimator club = new ClubEstimator(4);
        club.initialize(manager, DataType.FLOAT32, x.getShape());
        Optimizer adam = Adam.builder().optLearningRateTracker(Tracker.fixed(1e-2f)).build();
        for (int step = 0; step < 300; step++) {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.zeroGradients();
                collector.backward(club.fitLoss(x, u));
            }
            for (Parameter p : club.getParameters().values()) {
                adam.update(p.getId(), p.getArray(), p.getArray().getGradient());
            }
        }
        return club.bound(x, u).getFloat();
    }

    private static float norm(NDArray gradient) {
        return gradient.abs().sum().getFloat();
    }
}
