package io.tributary.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** {@code p = tanh(H[:, 0] W_p + b_p)}: the [CLS] state through a dense layer. */
public final class BertPooler extends AbstractBlock {

    private final Linear dense;

    public BertPooler(BertConfig config) {
        dense = addChildBlock("dense", Linear.builder().setUnits(config.hiddenSize()).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray cls = inputs.head().get(":, 0, :"); // (B, d)
        NDArray p = dense.forward(ps, new NDList(cls), training).head(); // (B, d)
        return new NDList(p.tanh());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        Shape h = inputs[0];
        dense.initialize(manager, dataType, new Shape(h.get(0), h.get(2)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape h = inputs[0];
        return new Shape[] {new Shape(h.get(0), h.get(2))};
    }
}
