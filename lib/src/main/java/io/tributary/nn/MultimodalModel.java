package io.tributary.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * A model the trainer can train, whatever its family: it reads the seven arrays of {@link
 * io.tributary.data.MultimodalDataset} and returns its prediction first, then the vectors its
 * losses read (see {@link io.tributary.loss.LossInputs}), then whatever else it reports; each
 * output array is named ({@link #named}), so that a reader finds it by name.
 */
public interface MultimodalModel extends Block {

    ModelConfig config();

    ModelInputs inputs();

    /** Initialises the parameters for inputs of these lengths (any batch size). */
    MultimodalModel initialize(NDManager manager, int textLength, int audioSteps, int visionSteps);

    /**
     * The parameters that learn at {@code gate_lr} (DESIGN.md section 4), as the model's structure
     * gives them: its gates' parameters; none for a model without gates.
     */
    default List<Parameter> gateParameters() {
        return List.of();
    }

    /** {@code array}, named {@code name} as an output of a model. */
    static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }
}
