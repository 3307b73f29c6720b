package io.tributary.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.ConstantInitializer;
import java.util.List;

/** Trainable parameters with given values, and gradients put on them through a real backward. */
final class TestParameters {

    private TestParameters() {}

    static Parameter create(NDManager manager, String name, Shape shape, float... values) {
        Parameter parameter =
                Parameter.builder()
                        .setName(name)
                        .setType(Parameter.Type.OTHER)
                        .optShape(shape)
                        .optInitializer(new ConstantInitializer(0))
                        .build();
        parameter.initialize(manager, DataType.FLOAT32);
        if (values.length > 0) {
            parameter.getArray().set(values);
        }
        return parameter;
    }

    /**
     * Runs a backward of sum_i sum(p_i * G_i), so each parameter's gradient grows by G_i as PyTorch
     * accumulates it; the products are closed with {@code scope}.
     */
    static void backward(NDManager scope, List<Parameter> parameters, List<float[]> gradients) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList terms = new NDList();
            for (int i = 0; i < parameters.size(); i++) {
                NDArray value = parameters.get(i).getArray();
                NDArray g = scope.create(gradients.get(i), value.getShape());
                terms.add(g.mul(value).sum());
            }
            NDArray total = terms.get(0);
            for (int i = 1; i < terms.size(); i++) {
                total = total.add(terms.get(i));
            }
            collector.backward(total);
        }
    }
}
