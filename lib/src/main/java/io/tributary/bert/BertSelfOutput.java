package io.tributary.bert;

/** After self-attention: {@code LayerNorm(Dropout(C W_o + b_o) + H)}. */
public final class BertSelfOutput extends BertResidualOutput {
    public BertSelfOutput(BertConfig config) {
        super(config);
    }
}
