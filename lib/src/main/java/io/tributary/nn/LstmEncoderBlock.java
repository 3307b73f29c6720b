package io.tributary.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * An LSTM over the valid frames of each sample (DJL's recurrent blocks take no lengths):
 *
 * <pre>
 *   forward:   o_t = LSTM_f(x_1 .. x_t),            last = o_L            (L = the sample's length)
 *   backward:  r_t = LSTM_b(x_L, x_L-1, .., x_1)_t,  last = r_L  (the state at the first frame)
 * </pre>
 *
 * A forward LSTM read at frame L never sees the padding after it; the backward direction runs over
 * each sample's valid frames reversed, and its outputs are put back in frame order. Inputs {@code
 * [X (B, T, d), mask (B, T)]}; outputs {@code [last (B, k), sequence (B, T, k)]} with k = hidden,
 * or 2 hidden when bidirectional ({@code [forward; backward]}), the sequence zero at padded frames.
 */
public final class LstmEncoderBlock extends AbstractBlock {

    private final int hidden;
    private final boolean bidirectional;
    private final LSTM forward;
    private final LSTM backward;

    private LstmEncoderBlock(Builder builder) {
        hidden = builder.hidden;
        bidirectional = builder.bidirectional;
        forward = addChildBlock("forward", lstm(hidden));
        backward = bidirectional ? addChildBlock("backward", lstm(hidden)) : null;
    }

    private static LSTM lstm(int hidden) {
        return LSTM.builder()
                .setStateSize(hidden)
                .setNumLayers(1)
                .optBatchFirst(true)
                .optReturnState(false)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Width of {@code last}: hidden, or 2 hidden when bidirectional. */
    public int outputSize() {
        return bidirectional ? 2 * hidden : hidden;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0); // (B, T, d)
        NDArray mask = inputs.get(1).toType(DataType.FLOAT32, false); // (B, T)
        NDArray lengths = mask.sum(new int[] {1}, true); // (B, 1)
        NDArray steps = x.getManager().arange((float) x.getShape().get(1)).expandDims(0); // (1, T)
        NDArray atLast = steps.eq(lengths.sub(1f)).toType(DataType.FLOAT32, false); // (B, T)
        NDArray o = forward.forward(ps, new NDList(x), training).head(); // (B, T, h)
        NDArray last = o.mul(atLast.expandDims(2)).sum(new int[] {1}); // (B, h)
        NDArray sequence = o;
        if (bidirectional) {
            NDArray reversed = reverseValid(steps, lengths); // (B, T)
            NDArray r = backward.forward(ps, new NDList(gather(x, reversed)), training).head();
            last = last.concat(r.mul(atLast.expandDims(2)).sum(new int[] {1}), 1); // (B, 2h)
            sequence = o.concat(gather(r, reversed), 2); // (B, T, 2h)
        }
        return new NDList(last, sequence.mul(mask.expandDims(2)));
    }

    /** Frame index t becomes L-1-t inside the valid frames; padded frames stay where they are. */
    private static NDArray reverseValid(NDArray steps, NDArray lengths) {
        NDArray mirrored = lengths.sub(1f).sub(steps); // (B, T)
        NDArray inside = steps.lt(lengths); // (B, T)
        return NDArrays.where(inside, mirrored, steps.broadcast(mirrored.getShape()))
                .toType(DataType.INT64, false);
    }

    /** {@code out[b, t] = x[b, index[b, t]]}. */
    private static NDArray gather(NDArray x, NDArray index) {
        long width = x.getShape().get(2);
        NDArray expanded = index.expandDims(2).repeat(2, width); // (B, T, d)
        return x.gather(expanded, 1);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        forward.initialize(manager, dataType, inputs[0]);
        if (bidirectional) {
            backward.initialize(manager, dataType, inputs[0]);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape x = inputs[0];
        return new Shape[] {
            new Shape(x.get(0), outputSize()), new Shape(x.get(0), x.get(1), outputSize())
        };
    }

    /** Builds an {@link LstmEncoderBlock}. */
    public static final class Builder {
        private int hidden;
        private boolean bidirectional;

        public Builder setHidden(int hidden) {
            this.hidden = hidden;
            return this;
        }

        public Builder optBidirectional(boolean bidirectional) {
            this.bidirectional = bidirectional;
            return this;
        }

        public LstmEncoderBlock build() {
            if (hidden <= 0) {
                throw new IllegalArgumentException("hidden must be positive, was " + hidden);
            }
            return new LstmEncoderBlock(this);
        }
    }
}
