package io.tributary.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code E = Dropout(LayerNorm(W_word[ids] + W_pos[0..T-1] + W_type[token_type_ids]))}.
 *
 * <p>Inputs {@code [input_ids (B, T) int64, token_type_ids (B, T) int64]}; when the first input is
 * a float (B, T, d) it is taken as the word embeddings themselves (Hugging Face's {@code
 * inputs_embeds}), so features such as GloVe vectors can stand in for word ids.
 */
public final class BertEmbeddings extends AbstractBlock {

    private final BertConfig config;
    private final BertEmbeddingTable wordEmbeddings;
    private final BertEmbeddingTable positionEmbeddings;
    private final BertEmbeddingTable tokenTypeEmbeddings;
    private final LayerNorm layerNorm;

    public BertEmbeddings(BertConfig config) {
        this.config = config;
        int d = config.hiddenSize();
        wordEmbeddings =
                addChildBlock("word_embeddings", new BertEmbeddingTable(config.vocabSize(), d));
        positionEmbeddings =
                addChildBlock(
                        "position_embeddings",
                        new BertEmbeddingTable(config.maxPositionEmbeddings(), d));
        tokenTypeEmbeddings =
                addChildBlock(
                        "token_type_embeddings", new BertEmbeddingTable(config.typeVocabSize(), d));
        layerNorm =
                addChildBlock(
                        "LayerNorm",
                        LayerNorm.builder().axis(2).optEpsilon(config.layerNormEps()).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray first = inputs.get(0);
        NDArray tokenTypes = inputs.get(1); // (B, T)
        long length = tokenTypes.getShape().get(1);
        NDArray words =
                first.getDataType().isFloating()
                        ? first
                        : wordEmbeddings.forward(ps, new NDList(first), training).head(); // (B,T,d)
        NDArray positions = first.getManager().arange(0, length, 1, DataType.INT64); // (T)
        NDArray e =
                words.add(positionEmbeddings.forward(ps, new NDList(positions), training).head())
                        .add(
                                tokenTypeEmbeddings
                                        .forward(ps, new NDList(tokenTypes), training)
                                        .head());
        e = layerNorm.forward(ps, new NDList(e), training).head(); // (B, T, d)
        return Dropout.dropout(e, config.hiddenDropoutProb(), training);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        Shape ids = inputs[1];
        wordEmbeddings.initialize(manager, dataType, ids);
        positionEmbeddings.initialize(manager, dataType, new Shape(ids.get(1)));
        tokenTypeEmbeddings.initialize(manager, dataType, ids);
        layerNorm.initialize(manager, dataType, ids.add(config.hiddenSize()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[1].add(config.hiddenSize())};
    }
}
