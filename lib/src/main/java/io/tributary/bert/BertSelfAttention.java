package io.tributary.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.tributary.tensors.Scalars;

/**
 * Multi-head scaled dot-product self-attention with a padding mask:
 *
 * <pre>
 *   Q = H W_q + b_q,  K = H W_k + b_k,  V = H W_v + b_v      split into n heads of width d/n
 *   A = Dropout(softmax(Q K^T / sqrt(d/n) + mask))           mask: 0 where attended, min float where padded
 *   C = A V                                                  heads concatenated back to (B, T, d)
 * </pre>
 *
 * Inputs {@code [H (B, T, d), mask (B, 1, 1, T)]}, the mask as {@link BertModel#extendedMask} makes
 * it.
 */
public final class BertSelfAttention extends AbstractBlock {

    private final BertConfig config;
    private final Linear query;
    private final Linear key;
    private final Linear value;

    public BertSelfAttention(BertConfig config) {
        this.config = config;
        int d = config.hiddenSize();
        query = addChildBlock("query", Linear.builder().setUnits(d).build());
        key = addChildBlock("key", Linear.builder().setUnits(d).build());
        value = addChildBlock("value", Linear.builder().setUnits(d).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.get(0); // (B, T, d)
        NDArray mask = inputs.get(1); // (B, 1, 1, T)
        NDArray q = heads(query.forward(ps, new NDList(h), training).head()); // (B, n, T, d/n)
        NDArray k = heads(key.forward(ps, new NDList(h), training).head()); // (B, n, T, d/n)
        NDArray v = heads(value.forward(ps, new NDList(h), training).head()); // (B, n, T, d/n)
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)); // (B, n, T, T)
        scores = Scalars.div(scores, Math.sqrt(config.headSize())).add(mask);
        NDArray a = scores.softmax(-1);
        a = Dropout.dropout(a, config.attentionProbsDropoutProb(), training).head();
        NDArray c = a.matMul(v); // (B, n, T, d/n)
        Shape shape = h.getShape();
        return new NDList(c.transpose(0, 2, 1, 3).reshape(shape)); // (B, T, d)
    }

    /** (B, T, d) to (B, n, T, d/n). */
    private NDArray heads(NDArray x) {
        Shape shape = x.getShape();
        return x.reshape(shape.get(0), shape.get(1), config.numAttentionHeads(), config.headSize())
                .transpose(0, 2, 1, 3);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        query.initialize(manager, dataType, inputs[0]);
        key.initialize(manager, dataType, inputs[0]);
        value.initialize(manager, dataType, inputs[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }
}
