package io.tributary.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code H^{k+1} = BertLayer_k(H^k, mask)} for k = 0 .. L-1. Inputs {@code [H^0, mask (B, 1, 1,
 * T)]}. Models that add something beside a layer run their own loop over {@link #layers()}.
 */
public final class BertEncoder extends AbstractBlock {

    private final List<BertLayer> layers;

    public BertEncoder(BertConfig config) {
        List<BertLayer> built = new ArrayList<>();
        for (int k = 0; k < config.numHiddenLayers(); k++) {
            built.add(addChildBlock("layer." + k, new BertLayer(config)));
        }
        layers = Collections.unmodifiableList(built);
    }

    public List<BertLayer> layers() {
        return layers;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.get(0); // (B, T, d)
        NDArray mask = inputs.get(1); // (B, 1, 1, T)
        for (BertLayer layer : layers) {
            h = layer.forward(ps, new NDList(h, mask), training).head(); // (B, T, d)
        }
        return new NDList(h);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        for (BertLayer layer : layers) {
            layer.initialize(manager, dataType, inputs);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }
}
