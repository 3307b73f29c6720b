package io.tributary.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** {@code A = BertSelfOutput(BertSelfAttention(H, mask), H)}. Inputs {@code [H, mask]}. */
public final class BertAttention extends AbstractBlock {

    private final BertSelfAttention self;
    private final BertSelfOutput output;

    public BertAttention(BertConfig config) {
        self = addChildBlock("self", new BertSelfAttention(config));
        output = addChildBlock("output", new BertSelfOutput(config));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.get(0); // (B, T, d)
        NDArray c = self.forward(ps, inputs, training).head(); // (B, T, d)
        return output.forward(ps, new NDList(c, h), training); // (B, T, d)
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        self.initialize(manager, dataType, inputs);
        output.initialize(manager, dataType, inputs[0], inputs[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }
}
