package io.tributary.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.tributary.tensors.BlockParameters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The optimisation parts together on the smallest model: a DJL Linear fitting y = 2x + 1 + noise
 * with {@link AdamW}, clipping and {@link LinearWarmupSchedule}.
 */
class LinearRegressionTrainingTest {

    private static final int SAMPLES = 256;
    private static final int BATCH = 32;
    private static final int EPOCHS = 40;
    private static final float NOISE_STD = 0.1f;

    /** What one run ends with. */
    record Run(float weight, float bias, float mse, float[] epochLosses) {}

    @Test
    void learnsTheLineAndRepeatsBitExactly() {
        Run first = train(1111);
        Run again = train(1111);
        Run other = train(1112);
        System.out.printf(
                Locale.ROOT,
                "linear regression: w %.4f b %.4f mse %.5f (seed 1111); w %.4f b %.4f mse %.5f"
                        + " (seed 1112); first epoch loss %.4f%n",
                first.weight(),
                first.bias(),
                first.mse(),
                other.weight(),
                other.bias(),
                other.mse(),
                first.epochLosses()[0]);
        for (Run run : List.of(first, other)) {
            assertEquals(2.0, run.weight(), 0.05);
            assertEquals(1.0, run.bias(), 0.05);
            assertTrue(run.mse() < 0.015, "mse " + run.mse());
            assertTrue(run.epochLosses()[0] > 10 * run.mse(), "the loss fell");
        }
        assertEquals(first.weight(), again.weight());
        assertEquals(first.bias(), again.bias());
        assertArrayEquals(first.epochLosses(), again.epochLosses());
        assertTrue(first.weight() != other.weight(), "another seed gives another run");
    }

    private static Run train(int seed) {
        Engine.getInstance().setRandomSeed(seed);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomUniform(-1, 1, new Shape(SAMPLES, 1));
            NDArray y =
                    x.mul(2)
                            .add(1)
                            .add(
                                    manager.randomNormal(
                                            0, NOISE_STD, x.getShape(), DataType.FLOAT32));
            Linear linear = Linear.builder().setUnits(1).build();
            linear.initialize(manager, DataType.FLOAT32, new Shape(BATCH, 1));
            ParameterStore store = new ParameterStore(manager, false);
            ParameterGroups groups =
                    ParameterGroups.builder()
                            .setParameters(BlockParameters.named(linear))
                            .optNewLearningRate(0.1)
                            .build();
            int batches = SAMPLES / BATCH;
            LinearWarmupSchedule schedule =
                    LinearWarmupSchedule.builder().setTotalSteps(EPOCHS * batches).build();
            Random shuffle = new Random(seed);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < SAMPLES; i++) {
                order.add(i);
            }
            float[] epochLosses = new float[EPOCHS];
            try (AdamW optimizer = AdamW.builder().setParameterGroups(groups).build()) {
                for (int epoch = 0; epoch < EPOCHS; epoch++) {
                    Collections.shuffle(order, shuffle);
                    float total = 0;
                    for (int b = 0; b < batches; b++) {
                        try (NDManager scope = manager.newSubManager()) {
                            NDArray index = scope.create(indices(order, b * BATCH, BATCH));
                            NDArray xb = x.get(new NDIndex("{}", index));
                            NDArray yb = y.get(new NDIndex("{}", index));
                            xb.attach(scope);
                            yb.attach(scope);
                            try (GradientCollector collector =
                                    Engine.getInstance().newGradientCollector()) {
                                NDArray prediction =
                                        linear.forward(store, new NDList(xb), true)
                                                .singletonOrThrow();
                                NDArray loss = prediction.sub(yb).square().mean();
                                collector.backward(loss);
                                total += loss.getFloat();
                            }
                        }
                        optimizer.step(schedule.multiplier(optimizer.getStepCount()));
                    }
                    epochLosses[epoch] = total / batches;
                }
            }
            float mse;
            try (NDManager scope = manager.newSubManager()) {
                NDArray xs = x.duplicate();
                xs.attach(scope);
                mse =
                        linear.forward(store, new NDList(xs), false)
                                .singletonOrThrow()
                                .sub(y)
                                .square()
                                .mean()
                                .getFloat();
            }
            float weight = linear.getParameters().get("weight").getArray().getFloat();
            float bias = linear.getParameters().get("bias").getArray().getFloat();
            return new Run(weight, bias, mse, epochLosses);
        }
    }

    private static long[] indices(List<Integer> order, int from, int count) {
        long[] indices = new long[count];
        for (int i = 0; i < count; i++) {
            indices[i] = order.get(from + i);
        }
        return indices;
    }
}
