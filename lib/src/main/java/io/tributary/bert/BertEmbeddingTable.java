package io.tributary.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * PyTorch's {@code nn.Embedding}: row {@code i} of {@code weight} (n, d) for each index {@code i}.
 * (DJL's own embeddings name their table {@code embedding}; checkpoints call it {@code weight}.)
 */
public final class BertEmbeddingTable extends AbstractBlock {

    private final long width;
    private final Parameter weight;

    public BertEmbeddingTable(long rows, long width) {
        this.width = width;
        this.weight =
                addParameter(
                        Parameter.builder()
                                .setName("weight")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(rows, width))
                                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray indices = inputs.singletonOrThrow();
        NDArray table = ps.getValue(weight, indices.getDevice(), training); // (n, d)
        return Embedding.embedding(indices, table, SparseFormat.DENSE); // (..., d)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(width)};
    }
}
