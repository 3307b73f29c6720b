package io.tributary.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.tributary.TestResources;
import io.tributary.train.ParameterGroups.Group;
import io.tributary.train.ParameterGroups.Member;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Five steps of {@link AdamW} with clipping and {@link LinearWarmupSchedule} against PyTorch 1.13's
 * {@code AdamW}, {@code clip_grad_norm_} and Hugging Face's schedule on the same gradients ({@code
 * lib/src/test/python/adamw_reference.py}).
 */
class AdamWReferenceTest {

    private static final double TOLERANCE = 1e-6;

    @Test
    void matchesPyTorchAfterEveryStep() throws IOException {
        JsonObject reference = load();
        JsonObject rates = reference.getAsJsonObject("learning_rates");
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Parameter> named = new LinkedHashMap<>();
            List<Parameter> gates = new ArrayList<>();
            for (JsonElement element : reference.getAsJsonArray("parameters")) {
                JsonObject spec = element.getAsJsonObject();
                String name = spec.get("name").getAsString();
                Shape shape = new Shape(longs(spec.getAsJsonArray("shape")));
                Parameter parameter =
                        TestParameters.create(
                                manager, name, shape, floats(spec.getAsJsonArray("initial")));
                named.put(name, parameter);
                if (spec.get("group").getAsString().equalsIgnoreCase("gate")) {
                    gates.add(parameter);
                }
            }
            ParameterGroups groups =
                    ParameterGroups.builder()
                            .setParameters(named)
                            .optGateParameters(gates)
                            .optPlmLearningRate(rates.get("plm").getAsDouble())
                            .optGateLearningRate(rates.get("gate").getAsDouble())
                            .optNewLearningRate(rates.get("new").getAsDouble())
                            .build();
            assertSameGroups(reference.getAsJsonArray("parameters"), groups.members());
            LinearWarmupSchedule schedule =
                    LinearWarmupSchedule.builder()
                            .setTotalSteps(reference.get("total_steps").getAsInt())
                            .optWarmupFraction(reference.get("warmup_fraction").getAsDouble())
                            .build();
            assertEquals(reference.get("warmup_steps").getAsInt(), schedule.getWarmupSteps());

            double worst = 0;
            try (AdamW optimizer =
                    AdamW.builder()
                            .setParameterGroups(groups)
                            .optWeightDecay(reference.get("weight_decay").getAsDouble())
                            .optMaxGradNorm(reference.get("max_grad_norm").getAsDouble())
                            .build()) {
                List<Parameter> parameters = new ArrayList<>(named.values());
                JsonArray steps = reference.getAsJsonArray("steps");
                for (int t = 0; t < steps.size(); t++) {
                    JsonObject step = steps.get(t).getAsJsonObject();
                    List<float[]> gradients = new ArrayList<>();
                    for (String name : named.keySet()) {
                        gradients.add(
                                floats(step.getAsJsonObject("gradients").getAsJsonArray(name)));
                    }
                    try (NDManager scope = manager.newSubManager()) {
                        TestParameters.backward(scope, parameters, gradients);
                    }
                    double multiplier = schedule.multiplier(optimizer.getStepCount());
                    assertEquals(step.get("multiplier").getAsDouble(), multiplier, 1e-15);
                    double norm = optimizer.step(multiplier);
                    double expectedNorm = step.get("grad_norm").getAsDouble();
                    assertEquals(expectedNorm, norm, 1e-6 * expectedNorm, "norm at step " + t);
                    for (Map.Entry<String, Parameter> entry : named.entrySet()) {
                        float[] expected =
                                floats(
                                        step.getAsJsonObject("after")
                                                .getAsJsonArray(entry.getKey()));
                        float[] actual = entry.getValue().getArray().toFloatArray();
                        for (int i = 0; i < expected.length; i++) {
                            double deviation = Math.abs(expected[i] - actual[i]);
                            worst = Math.max(worst, deviation);
                            assertTrue(
                                    deviation <= TOLERANCE,
                                    String.format(
                                            Locale.ROOT,
                                            "%s[%d] after step %d: expected %s, got %s",
                                            entry.getKey(),
                                            i,
                                            t,
                                            expected[i],
                                            actual[i]));
                        }
                    }
                }
            }
            System.out.printf(Locale.ROOT, "AdamW vs PyTorch: max deviation %.3g%n", worst);
        }
    }

    private static void assertSameGroups(JsonArray specs, List<Member> members) {
        assertEquals(specs.size(), members.size());
        for (int i = 0; i < specs.size(); i++) {
            JsonObject spec = specs.get(i).getAsJsonObject();
            Member member = members.get(i);
            assertEquals(spec.get("name").getAsString(), member.name());
            assertEquals(
                    Group.valueOf(spec.get("group").getAsString().toUpperCase(Locale.ROOT)),
                    member.group(),
                    member.name());
            assertEquals(spec.get("decay").getAsBoolean(), member.decay(), member.name());
        }
    }

    private static JsonObject load() {
        return TestResources.json("train/adamw_reference.json").getAsJsonObject();
    }

    private static float[] floats(JsonArray array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).getAsFloat();
        }
        return values;
    }

    private static long[] longs(JsonArray array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).getAsLong();
        }
        return values;
    }
}
