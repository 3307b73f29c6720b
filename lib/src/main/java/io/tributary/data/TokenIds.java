package io.tributary.data;

import java.util.Arrays;

/**
 * BERT inputs of a split, one row of length {@code length} per sample: token ids, attention mask (1
 * for tokens, 0 for padding, a prefix) and token types.
 *
 * @param ids token ids, (N, T)
 * @param mask attention mask, (N, T)
 * @param segments token type ids, (N, T)
 * @param length T
 */
public record TokenIds(int[][] ids, int[][] mask, int[][] segments, int length) {

    public TokenIds {
        if (ids.length != mask.length || ids.length != segments.length) {
            throw new IllegalArgumentException(
                    "ids, mask and segments differ in count: "
                            + ids.length
                            + ", "
                            + mask.length
                            + ", "
                            + segments.length);
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i].length != length
                    || mask[i].length != length
                    || segments[i].length != length) {
                throw new IllegalArgumentException("row " + i + " is not of length " + length);
            }
        }
    }

    public int size() {
        return ids.length;
    }

    /** Valid tokens of sample {@code i}: up to the last position whose mask is 1. */
    public int validLength(int i) {
        int[] row = mask[i];
        for (int t = row.length - 1; t >= 0; t--) {
            if (row[t] != 0) {
                return t + 1;
            }
        }
        return 0;
    }

    /**
     * {@code [CLS] pieces [SEP]}, cut to {@code length} (the pieces are cut, [SEP] kept) and
     * padded; token types 0.
     */
    public static TokenIds encode(String[] texts, TextTokenizer tokenizer, int length) {
        if (length < 2) {
            throw new IllegalArgumentException("text length must be at least 2, was " + length);
        }
        int[][] ids = new int[texts.length][length];
        int[][] mask = new int[texts.length][length];
        for (int i = 0; i < texts.length; i++) {
            int[] pieces = tokenizer.wordPieceIds(texts[i]);
            int kept = Math.min(pieces.length, length - 2);
            Arrays.fill(ids[i], tokenizer.padId());
            ids[i][0] = tokenizer.clsId();
            System.arraycopy(pieces, 0, ids[i], 1, kept);
            ids[i][kept + 1] = tokenizer.sepId();
            Arrays.fill(mask[i], 0, kept + 2, 1);
        }
        return new TokenIds(ids, mask, new int[texts.length][length], length);
    }

    /** The rows at {@code indices}, shared, not copied. */
    public TokenIds select(int[] indices) {
        return new TokenIds(
                MultimodalSplit.pick(ids, indices),
                MultimodalSplit.pick(mask, indices),
                MultimodalSplit.pick(segments, indices),
                length);
    }
}
