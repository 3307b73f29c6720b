package io.tributary.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/** Where the losses find their inputs in a model's prediction list (see the package summary). */
public final class LossInputs {

    /** The task output ŷ. */
    public static final int PREDICTION = 0;

    /** z_l (B, d): the language representation, the pooler output. */
    public static final int LANGUAGE = 1;

    /** z_a (B, d): the acoustic representation. */
    public static final int ACOUSTIC = 2;

    /** z_v (B, d): the visual representation. */
    public static final int VISUAL = 3;

    /** The names the models give z_a and z_v. */
    private static final List<String> NAMES = List.of("z_a", "z_v");

    private LossInputs() {}

    /** z_l of the predictions. */
    public static NDArray language(NDList predictions) {
        return predictions.get(LANGUAGE);
    }

    /**
     * z_m for m in {a, v}, in that order: the arrays from position 2 on that are named {@code z_a}
     * or {@code z_v}, or not named (a list built by hand), at most two. A model that leaves a
     * stream out ({@code modalities}) has no z_m for it, so its term is absent from every loss.
     */
    public static List<NDArray> modalities(NDList predictions) {
        List<NDArray> vectors = new ArrayList<>();
        for (int i = ACOUSTIC; i <= VISUAL && i < predictions.size(); i++) {
            String name = predictions.get(i).getName();
            if (name != null && !NAMES.contains(name)) {
                break;
            }
            vectors.add(predictions.get(i));
        }
        return vectors;
    }

    /**
     * The scalar 0 beside {@code like}: the value of a representation loss on fewer than 2 samples.
     */
    static NDArray zero(NDArray like) {
        return like.getManager().zeros(new Shape(), like.getDataType(), like.getDevice());
    }
}
