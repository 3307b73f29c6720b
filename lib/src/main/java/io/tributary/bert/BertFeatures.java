package io.tributary.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.tributary.core.Devices;
import io.tributary.core.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a BERT checkpoint makes of some texts, in plain arrays: the tokens, the padded ids and mask,
 * {@code last_hidden_state} (B, T, d) and {@code pooler_output} (B, d), computed in eval mode.
 */
public record BertFeatures(
        List<List<String>> tokens,
        long[][] inputIds,
        long[][] attentionMask,
        float[][][] lastHiddenState,
        float[][] poolerOutput) {

    /** Loads the checkpoint folder {@code dir} and encodes {@code texts} at {@code maxLength}. */
    public static BertFeatures extract(Path dir, List<String> texts, int maxLength) {
        BertConfig config = BertCheckpoint.config(dir);
        if (maxLength < 2 || maxLength > config.maxPositionEmbeddings()) {
            throw new InputException(
                    "--max-length: expected 2 to "
                            + config.maxPositionEmbeddings()
                            + " (max_position_embeddings of "
                            + dir
                            + "), found "
                            + maxLength);
        }
        BertTokenizer tokenizer = BertTokenizer.fromFolder(dir);
        List<BertTokenizer.Encoding> batch = new ArrayList<>();
        texts.forEach(text -> batch.add(tokenizer.encode(text, maxLength)));
        try (NDManager manager = NDManager.newBaseManager(Devices.preferred())) {
            BertModel model = BertCheckpoint.load(dir, manager);
            NDList inputs = BertTokenizer.toArrays(batch, manager);
            NDList outputs = model.forward(new ParameterStore(manager, false), inputs, false);
            int b = batch.size();
            long[][] ids = new long[b][];
            long[][] mask = new long[b][];
            List<List<String>> tokens = new ArrayList<>();
            for (int i = 0; i < b; i++) {
                ids[i] = batch.get(i).inputIds();
                mask[i] = batch.get(i).attentionMask();
                tokens.add(batch.get(i).tokens());
            }
            return new BertFeatures(
                    tokens, ids, mask, rows3(outputs.get(0)), rows2(outputs.get(1)));
        }
    }

    private static float[][][] rows3(NDArray array) {
        long[] shape = array.getShape().getShape();
        float[] flat = array.toFloatArray();
        float[][][] out = new float[(int) shape[0]][(int) shape[1]][(int) shape[2]];
        int at = 0;
        for (float[][] matrix : out) {
            for (float[] row : matrix) {
                System.arraycopy(flat, at, row, 0, row.length);
                at += row.length;
            }
        }
        return out;
    }

    private static float[][] rows2(NDArray array) {
        long[] shape = array.getShape().getShape();
        float[] flat = array.toFloatArray();
        float[][] out = new float[(int) shape[0]][(int) shape[1]];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(flat, i * out[i].length, out[i], 0, out[i].length);
        }
        return out;
    }
}
