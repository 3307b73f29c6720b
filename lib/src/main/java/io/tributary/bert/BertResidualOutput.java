package io.tributary.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The post-LayerNorm residual that closes both halves of a BERT layer: {@code LayerNorm(Dropout(X W
 * + b) + R)}. Inputs {@code [X (B, T, d_in), R (B, T, d)]}. {@link BertSelfOutput} and {@link
 * BertOutput} are this block, named as Hugging Face names them.
 */
abstract class BertResidualOutput extends AbstractBlock {

    private final BertConfig config;
    private final Linear dense;
    private final LayerNorm layerNorm;

    BertResidualOutput(BertConfig config) {
        this.config = config;
        dense = addChildBlock("dense", Linear.builder().setUnits(config.hiddenSize()).build());
        layerNorm =
                addChildBlock(
                        "LayerNorm",
                        LayerNorm.builder().axis(2).optEpsilon(config.layerNormEps()).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = dense.forward(ps, new NDList(inputs.get(0)), training).head(); // (B, T, d)
        x = Dropout.dropout(x, config.hiddenDropoutProb(), training).head();
        return layerNorm.forward(ps, new NDList(x.add(inputs.get(1))), training); // (B, T, d)
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        dense.initialize(manager, dataType, inputs[0]);
        layerNorm.initialize(manager, dataType, inputs[1]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[1]};
    }
}
