package io.tributary.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.tributary.tensors.Scalars;

/**
 * Hugging Face's {@code BertModel}: embeddings, the encoder's layers, the pooler.
 *
 * <p>Inputs {@code [input_ids (B, T) int64, attention_mask (B, T) int64, token_type_ids (B, T)
 * int64]}; {@code input_ids} may instead be float word embeddings (B, T, d). Outputs {@code
 * [last_hidden_state (B, T, d), pooler_output (B, d)]}. Random initial weights follow BERT's:
 * normal with std {@code initializer_range}, zero biases, LayerNorm weight 1 and bias 0; {@link
 * BertCheckpoint} loads real ones.
 */
public final class BertModel extends AbstractBlock {

    private final BertConfig config;
    private final BertEmbeddings embeddings;
    private final BertEncoder encoder;
    private final BertPooler pooler;

    public BertModel(BertConfig config) {
        this.config = config;
        embeddings = addChildBlock("embeddings", new BertEmbeddings(config));
        encoder = addChildBlock("encoder", new BertEncoder(config));
        pooler = addChildBlock("pooler", new BertPooler(config));
        setInitializer(new NormalInitializer(config.initializerRange()), Parameter.Type.WEIGHT);
    }

    public BertConfig config() {
        return config;
    }

    public BertEmbeddings embeddings() {
        return embeddings;
    }

    public BertEncoder encoder() {
        return encoder;
    }

    public BertPooler pooler() {
        return pooler;
    }

    /** Initialises the parameters for inputs of length {@code length}, on {@code manager}. */
    public BertModel initialize(NDManager manager, int length) {
        Shape ids = new Shape(1, length);
        initialize(manager, DataType.FLOAT32, ids, ids, ids);
        return this;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0); // (B, T) or (B, T, d)
        NDArray attentionMask = inputs.get(1); // (B, T)
        NDArray tokenTypes = inputs.get(2); // (B, T)
        checkLength(tokenTypes.getShape().get(1));
        NDArray e = embeddings.forward(ps, new NDList(ids, tokenTypes), training).head();
        NDArray h =
                encoder.forward(ps, new NDList(e, extendedMask(attentionMask)), training).head();
        NDArray p = pooler.forward(ps, new NDList(h), training).head(); // (B, d)
        return new NDList(h, p);
    }

    /**
     * The additive attention mask: (B, T) of 1 (attend) and 0 (padding) to (B, 1, 1, T) of 0 and
     * the smallest float32, as Hugging Face builds it.
     */
    public static NDArray extendedMask(NDArray attentionMask) {
        Shape shape = attentionMask.getShape();
        NDArray keep = attentionMask.toType(DataType.FLOAT32, false);
        return Scalars.mul(keep.neg().add(1f), -Float.MAX_VALUE)
                .reshape(shape.get(0), 1, 1, shape.get(1));
    }

    private void checkLength(long length) {
        if (length > config.maxPositionEmbeddings()) {
            throw new IllegalArgumentException(
                    "sequence length "
                            + length
                            + " exceeds max_position_embeddings "
                            + config.maxPositionEmbeddings());
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        Shape ids = inputs[0];
        Shape hidden = ids.add(config.hiddenSize());
        embeddings.initialize(manager, dataType, ids, inputs[2]);
        encoder.initialize(manager, dataType, hidden, new Shape(ids.get(0), 1, 1, ids.get(1)));
        pooler.initialize(manager, dataType, hidden);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape ids = inputs[0];
        return new Shape[] {
            ids.add(config.hiddenSize()), new Shape(ids.get(0), config.hiddenSize())
        };
    }
}
