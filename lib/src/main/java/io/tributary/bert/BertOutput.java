package io.tributary.bert;

/** After the feed-forward expansion: {@code LayerNorm(Dropout(I W_2 + b_2) + A)}. */
public final class BertOutput extends BertResidualOutput {
    public BertOutput(BertConfig config) {
        super(config);
    }
}
