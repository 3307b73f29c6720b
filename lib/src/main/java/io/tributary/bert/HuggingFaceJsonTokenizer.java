package io.tributary.bert;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.tributary.core.InputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A checkpoint's {@code tokenizer.json}, run by Hugging Face's own tokenizers library through DJL:
 * it defines normalisation, pre-tokenisation, WordPiece and the {@code [CLS] ... [SEP]} template
 * exactly. Truncation keeps the first tokens and the closing {@code [SEP]}.
 */
final class HuggingFaceJsonTokenizer implements BertTokenizer {

    private final HuggingFaceTokenizer tokenizer;
    private final long pad;

    private HuggingFaceJsonTokenizer(HuggingFaceTokenizer tokenizer, long pad) {
        this.tokenizer = tokenizer;
        this.pad = pad;
    }

    static HuggingFaceJsonTokenizer load(Path file) {
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer =
                    HuggingFaceTokenizer.builder()
                            .optTokenizerPath(file)
                            .optAddSpecialTokens(true)
                            .optTruncation(false)
                            .optPadding(false)
                            .build();
        } catch (IOException | RuntimeException e) {
            throw new InputException(
                    file + ": not a readable tokenizer.json: " + e.getMessage(), e);
        }
        long[] pad = tokenizer.encode("[PAD]", false, false).getIds();
        if (pad.length != 1) {
            throw new InputException(file + ": expected a [PAD] token in the vocabulary");
        }
        return new HuggingFaceJsonTokenizer(tokenizer, pad[0]);
    }

    @Override
    public Encoding encode(String text, int maxLength) {
        ai.djl.huggingface.tokenizers.Encoding encoded = tokenizer.encode(text);
        long[] all = encoded.getIds();
        String[] allTokens = encoded.getTokens();
        int kept = Math.min(all.length, maxLength);
        long[] ids = new long[maxLength];
        long[] types = new long[maxLength];
        long[] mask = new long[maxLength];
        Arrays.fill(ids, pad);
        System.arraycopy(all, 0, ids, 0, kept);
        System.arraycopy(encoded.getTypeIds(), 0, types, 0, kept);
        Arrays.fill(mask, 0, kept, 1);
        String[] tokens = Arrays.copyOf(allTokens, kept);
        if (kept < all.length) {
            ids[kept - 1] = all[all.length - 1];
            tokens[kept - 1] = allTokens[allTokens.length - 1];
        }
        return new Encoding(List.of(tokens), ids, mask, types);
    }
}
