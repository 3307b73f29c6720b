package io.tributary.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;

/**
 * A model the trainer can train, whatever its family: it reads the seven arrays of {@link
 * io.tributary.data.MultimodalDataset} and returns its prediction first, then the vectors its
 * losses read (see {@link io.tributary.loss.LossInputs}).
 */
public interface MultimodalModel extends Block {

    ModelConfig config();

    ModelInputs inputs();

    /** Initialises the parameters for inputs of these lengths (any batch size). */
    MultimodalModel initialize(NDManager manager, int textLength, int audioSteps, int visionSteps);
}
