package io.tributary.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AdamWTest {

    @Test
    void liveArraysStayFlatOverTwoThousandSteps() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Parameter> named = smallModel(manager);
            List<Parameter> parameters = new ArrayList<>(named.values());
            List<float[]> gradients = gradientsFor(parameters, 0.3f);
            try (AdamW optimizer = optimizer(named)) {
                int optimizerArrays = optimizer.liveArrays();
                assertEquals(2 * parameters.size(), optimizerArrays, "m and v per parameter");
                runSteps(manager, optimizer, parameters, gradients, 10);
                int modelArrays = manager.getManagedArrays().size();
                long[] millis = new long[4];
                for (int quarter = 0; quarter < 4; quarter++) {
                    long start = System.nanoTime();
                    runSteps(manager, optimizer, parameters, gradients, 500);
                    millis[quarter] = (System.nanoTime() - start) / 1_000_000;
                }
                assertEquals(2010, optimizer.getStepCount());
                assertEquals(optimizerArrays, optimizer.liveArrays());
                assertEquals(modelArrays, manager.getManagedArrays().size());
                System.out.printf(
                        Locale.ROOT,
                        "AdamW: 4 x 500 steps (backward + step) took %d, %d, %d, %d ms%n",
                        millis[0],
                        millis[1],
                        millis[2],
                        millis[3]);
            }
        }
    }

    @Test
    void stepConsumesTheGradients() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Parameter> named = smallModel(manager);
            List<Parameter> parameters = new ArrayList<>(named.values());
            try (AdamW optimizer = optimizer(named)) {
                runSteps(manager, optimizer, parameters, gradientsFor(parameters, 1f), 1);
                for (Parameter parameter : parameters) {
                    try (NDArray gradient = parameter.getArray().getGradient()) {
                        assertEquals(0f, gradient.abs().sum().getFloat(), parameter.getName());
                    }
                }
            }
        }
    }

    @Test
    void clipGradNormScalesAllGradientsTogether() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Parameter> named = new LinkedHashMap<>();
            named.put("a.weight", TestParameters.create(manager, "a", new Shape(2), 0, 0));
            named.put("b.weight", TestParameters.create(manager, "b", new Shape(1), 0));
            List<Parameter> parameters = new ArrayList<>(named.values());
            try (AdamW optimizer = optimizer(named);
                    NDManager scope = manager.newSubManager()) {
                TestParameters.backward(
                        scope, parameters, List.of(new float[] {3, 0}, new float[] {4}));
                assertEquals(5.0, optimizer.clipGradNorm(10), 1e-6);
                assertArrayEquals(new float[] {3, 0}, gradient(parameters.get(0)));
                assertEquals(5.0, optimizer.clipGradNorm(2.5), 1e-6);
                assertArrayEquals(new float[] {1.5f, 0}, gradient(parameters.get(0)), 1e-6f);
                assertArrayEquals(new float[] {2f}, gradient(parameters.get(1)), 1e-6f);
                optimizer.zeroGrad();
                assertArrayEquals(new float[] {0}, gradient(parameters.get(1)));
                assertEquals(0, optimizer.clipGradNorm(1), 1e-12);
            }
        }
    }

    @Test
    void updatesFromAThreadWhereAutogradIsOn() throws InterruptedException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Parameter> named = smallModel(manager);
            List<Parameter> parameters = new ArrayList<>(named.values());
            float[] before = parameters.get(0).getArray().toFloatArray();
            try (AdamW optimizer = optimizer(named)) {
                AtomicReference<Throwable> failure = new AtomicReference<>();
                Thread worker =
                        new Thread(
                                () -> {
                                    try {
                                        runSteps(
                                                manager,
                                                optimizer,
                                                parameters,
                                                gradientsFor(parameters, 1f),
                                                3);
                                    } catch (Throwable e) {
                                        failure.set(e);
                                    }
                                });
                worker.start();
                worker.join();
                assertNull(failure.get());
                assertFalse(Arrays.equals(before, parameters.get(0).getArray().toFloatArray()));
                assertTrue(parameters.get(0).getArray().hasGradient());
            }
        }
    }

    @Test
    void refusesBadSettings() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterGroups groups =
                    ParameterGroups.builder().setParameters(smallModel(manager)).build();
            assertThrows(
                    IllegalArgumentException.class,
                    () -> AdamW.builder().setParameterGroups(groups).optBetas(1, 0.999).build());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> AdamW.builder().setParameterGroups(groups).optMaxGradNorm(0).build());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> AdamW.builder().setParameterGroups(groups).optWeightDecay(-1).build());
            assertThrows(IllegalArgumentException.class, () -> AdamW.builder().build());
            Parameter frozen = TestParameters.create(manager, "f", new Shape(2));
            frozen.freeze(true);
            ParameterGroups none =
                    ParameterGroups.builder().setParameters(Map.of("f.weight", frozen)).build();
            assertThrows(
                    IllegalArgumentException.class,
                    () -> AdamW.builder().setParameterGroups(none).build());
            try (AdamW optimizer = AdamW.builder().setParameterGroups(groups).build()) {
                IllegalArgumentException e =
                        assertThrows(IllegalArgumentException.class, () -> optimizer.step(-0.5));
                assertTrue(e.getMessage().contains("-0.5"), e.getMessage());
            }
        }
    }

    private static Map<String, Parameter> smallModel(NDManager manager) {
        Map<String, Parameter> named = new LinkedHashMap<>();
        named.put(
                "bert.layer.dense.weight",
                TestParameters.create(manager, "w", new Shape(8, 8), new float[64]));
        named.put("bert.layer.LayerNorm.weight", TestParameters.create(manager, "g", new Shape(8)));
        named.put("inject.gate.w", TestParameters.create(manager, "gw", new Shape(1), 1));
        named.put("head.weight", TestParameters.create(manager, "h", new Shape(1, 8)));
        named.put("head.bias", TestParameters.create(manager, "hb", new Shape(1)));
        return named;
    }

    private static AdamW optimizer(Map<String, Parameter> named) {
        return AdamW.builder()
                .setParameterGroups(ParameterGroups.builder().setParameters(named).build())
                .build();
    }

    private static List<float[]> gradientsFor(List<Parameter> parameters, float scale) {
        List<float[]> gradients = new ArrayList<>();
        int k = 0;
        for (Parameter parameter : parameters) {
            float[] g = new float[(int) parameter.getArray().size()];
            for (int i = 0; i < g.length; i++) {
                g[i] = scale * (float) Math.sin(++k);
            }
            gradients.add(g);
        }
        return gradients;
    }

    private static void runSteps(
            NDManager manager,
            AdamW optimizer,
            List<Parameter> parameters,
            List<float[]> gradients,
            int steps) {
        for (int i = 0; i < steps; i++) {
            try (NDManager scope = manager.newSubManager()) {
                TestParameters.backward(scope, parameters, gradients);
            }
            optimizer.step(1.0);
        }
    }

    private static float[] gradient(Parameter parameter) {
        try (NDArray gradient = parameter.getArray().getGradient()) {
            return gradient.toFloatArray();
        }
    }
}
