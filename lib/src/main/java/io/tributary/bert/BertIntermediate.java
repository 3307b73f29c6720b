package io.tributary.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** {@code I = GELU(A W_1 + b_1)}, the exact (erf) GELU, widening d to {@code intermediate_size}. */
public final class BertIntermediate extends AbstractBlock {

    private final Linear dense;

    public BertIntermediate(BertConfig config) {
        dense =
                addChildBlock(
                        "dense", Linear.builder().setUnits(config.intermediateSize()).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = dense.forward(ps, inputs, training).head(); // (B, T, d_ff)
        return new NDList(Activation.gelu(x));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        dense.initialize(manager, dataType, inputs[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return dense.getOutputShapes(inputs);
    }
}
