package io.tributary.bert;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.tributary.core.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns text into BERT inputs: {@code [CLS] tokens [SEP]}, truncated and padded to a length, with
 * the attention mask and token types. A checkpoint folder's {@code tokenizer.json}, when present,
 * defines tokenisation exactly; otherwise its {@code vocab.txt} with BERT's basic tokenizer and
 * greedy WordPiece.
 */
public interface BertTokenizer {

    /** One encoded text: its tokens without padding, and the three id rows padded to a length. */
    record Encoding(
            List<String> tokens, long[] inputIds, long[] attentionMask, long[] tokenTypeIds) {}

    /**
     * Encodes {@code text} as {@code [CLS] ... [SEP]}, truncated and padded to {@code maxLength}.
     */
    Encoding encode(String text, int maxLength);

    /**
     * The tokenizer of a checkpoint folder: {@code tokenizer.json} if present, else {@code
     * vocab.txt}.
     */
    static BertTokenizer fromFolder(Path dir) {
        Path json = dir.resolve("tokenizer.json");
        if (Files.isRegularFile(json)) {
            return HuggingFaceJsonTokenizer.load(json);
        }
        Path vocab = dir.resolve("vocab.txt");
        if (Files.isRegularFile(vocab)) {
            return WordPieceTokenizer.load(vocab, WordPieceTokenizer.lowerCase(dir));
        }
        throw new InputException(dir + ": expected tokenizer.json or vocab.txt, found neither");
    }

    /**
     * {@code [input_ids, attention_mask, token_type_ids]}, each (B, T) int64, on {@code manager}.
     */
    static NDList toArrays(List<Encoding> batch, NDManager manager) {
        int length = batch.get(0).inputIds().length;
        Shape shape = new Shape(batch.size(), length);
        long[] ids = new long[batch.size() * length];
        long[] mask = new long[ids.length];
        long[] types = new long[ids.length];
        for (int i = 0; i < batch.size(); i++) {
            Encoding encoding = batch.get(i);
            System.arraycopy(encoding.inputIds(), 0, ids, i * length, length);
            System.arraycopy(encoding.attentionMask(), 0, mask, i * length, length);
            System.arraycopy(encoding.tokenTypeIds(), 0, types, i * length, length);
        }
        return new NDList(
                manager.create(ids, shape),
                manager.create(mask, shape),
                manager.create(types, shape));
    }
}
