package io.tributary.inject;

import io.tributary.core.InputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the additive attention's score tensor costs: each injected layer computes tanh(W_q h_t + W_k
 * m_j + b) as a (B, T, J, d_att) float32 tensor, and autograd keeps it for the backward pass
 * (computing it in chunks does not help: every chunk is kept), so a run holds
 *
 * <pre>
 * bytes = injected layers x B x T x J x d_att x 4
 * </pre>
 *
 * J = 2 with {@code compress = "last"}; with {@code "sequence"} J = T_a + T_v (875 on unaligned
 * MOSI, where B = 32, T = 50, d_att = 128 need 0.72 GB per layer). {@link #check} refuses a run
 * whose estimate exceeds the memory it was given, before it starts.
 *
 * @param injectedLayers how many PLM layers get a branch
 * @param batchSize B
 * @param textLength T, the text's padded length
 * @param keys J, the keys each token attends over
 * @param attentionDim d_att
 */
public record ScoreMemory(
        int injectedLayers, long batchSize, long textLength, long keys, long attentionDim) {

    /** Bytes of one float32 score value. */
    public static final long BYTES_PER_VALUE = Float.BYTES;

    /** J with {@code compress = "last"}: one key per nonverbal modality, z_a and z_v. */
    public static final long LAST_KEYS = 2;

    public ScoreMemory {
        if (injectedLayers < 0 || batchSize < 1 || textLength < 1 || keys < 1 || attentionDim < 1) {
            throw new IllegalArgumentException(
                    "Expected at least 0 injected layers and positive sizes, found "
                            + describe(injectedLayers, batchSize, textLength, keys, attentionDim));
        }
    }

    /** The estimate: the score tensors of every injected layer, kept for the backward pass. */
    public long bytes() {
        return injectedLayers * batchSize * textLength * keys * attentionDim * BYTES_PER_VALUE;
    }

    /**
     * Throws an {@link InputException} when {@link #bytes()} exceeds {@code availableBytes}, with
     * the numbers and each single change of setting that would fit.
     */
    public void check(long availableBytes) {
        if (availableBytes < 0) {
            throw new IllegalArgumentException(
                    "Expected available memory of at least 0 bytes, found " + availableBytes);
        }
        long bytes = bytes();
        if (bytes <= availableBytes) {
            return;
        }
        List<String> fits = new ArrayList<>();
        long batch = availableBytes / (bytes / batchSize);
        if (batch >= 1) {
            fits.add("batch_size <= " + batch);
        }
        long dim = availableBytes / (bytes / attentionDim);
        if (dim >= 1) {
            fits.add("attention_dim <= " + dim);
        }
        long layers = availableBytes / (bytes / injectedLayers);
        if (layers >= 1) {
            fits.add("at most " + layers + " injected layer(s)");
        }
        if (keys > LAST_KEYS && bytes / keys * LAST_KEYS <= availableBytes) {
            fits.add("compress = \"last\" (J = " + LAST_KEYS + ")");
        }
        throw new InputException(
                String.format(
                        Locale.ROOT,
                        "attention scores need %s (%s x %d bytes) but %s was given; settings"
                                + " that fit: %s",
                        gigabytes(bytes),
                        describe(injectedLayers, batchSize, textLength, keys, attentionDim),
                        BYTES_PER_VALUE,
                        gigabytes(availableBytes),
                        fits.isEmpty() ? "none by one change alone" : String.join(", or ", fits)));
    }

    private static String describe(
            int injectedLayers, long batchSize, long textLength, long keys, long attentionDim) {
        return String.format(
                Locale.ROOT,
                "%d injected layer(s) x B %d x T %d x J %d x d_att %d",
                injectedLayers,
                batchSize,
                textLength,
                keys,
                attentionDim);
    }

    private static String gigabytes(long bytes) {
        return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }
}
