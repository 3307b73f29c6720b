package io.tributary.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One post-LayerNorm transformer layer: {@code A = BertAttention(H, mask)}, {@code H' =
 * BertOutput(BertIntermediate(A), A)}. Inputs {@code [H (B, T, d), mask (B, 1, 1, T)]}.
 */
public final class BertLayer extends AbstractBlock {

    private final BertConfig config;
    private final BertAttention attention;
    private final BertIntermediate intermediate;
    private final BertOutput output;

    public BertLayer(BertConfig config) {
        this.config = config;
        attention = addChildBlock("attention", new BertAttention(config));
        intermediate = addChildBlock("intermediate", new BertIntermediate(config));
        output = addChildBlock("output", new BertOutput(config));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray a = attention.forward(ps, inputs, training).head(); // (B, T, d)
        NDArray i = intermediate.forward(ps, new NDList(a), training).head(); // (B, T, d_ff)
        return output.forward(ps, new NDList(i, a), training); // (B, T, d)
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        Shape h = inputs[0];
        attention.initialize(manager, dataType, inputs);
        intermediate.initialize(manager, dataType, h);
        Shape wide = new Shape(h.get(0), h.get(1), config.intermediateSize());
        output.initialize(manager, dataType, wide, h);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }
}
