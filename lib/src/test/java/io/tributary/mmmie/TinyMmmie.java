package io.tributary.mmmie;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import io.tributary.bert.BertConfig;
import io.tributary.bert.WordPieceTokenizer;
import io.tributary.data.MultimodalDataset;
import io.tributary.data.MultimodalSplit;
import io.tributary.data.SyntheticData;
import io.tributary.nn.ModelInputs;
import java.util.List;

/** A tiny MMMIE (d' = 16, BiLSTM 8, tiny BERT) and synthetic batches for the tests. */
final class TinyMmmie {

    static final List<String> VOCAB = WordPieceTokenizer.bundledVocabulary();
    static final BertConfig BERT = BertConfig.tiny().withVocabSize(VOCAB.size());
    static final int FEATURE_DIM = 16;
    static final int TEXT_LENGTH = 11;

    private TinyMmmie() {}

    /** The defaults with d' = 16 and BiLSTM width 8, and the given choices. */
    static MmmieConfig config(
            MmmieConfig.Tokens tokens,
            boolean identityEmbedding,
            MiCriticBlock.Kind critic,
            MmmieConfig.Minimizer minimizer,
            boolean miMaximization) {
        return MmmieConfig.builder()
                .optFeatureDim(FEATURE_DIM)
                .optLstmHidden(8)
                .optTokens(tokens)
                .optIdentityEmbedding(identityEmbedding)
                .optCritic(critic)
                .optMinimizer(minimizer)
                .optMiMaximization(miMaximization)
                .build();
    }

    /** The defaults with d' = 16 and BiLSTM width 8. */
    static MmmieConfig config() {
        return config(
                MmmieConfig.Tokens.VECTOR,
                true,
                MiCriticBlock.Kind.PROJECTED_COSINE,
                MmmieConfig.Minimizer.VIB,
                true);
    }

    /** A synthetic split: label 1.5 x text + 1.2 x acoustic, 7 audio frames of 4, 5 visual of 3. */
    static MultimodalSplit split(int samples, long seed) {
        return SyntheticData.builder()
                .optTrain(samples)
                .optTextLength(TEXT_LENGTH)
                .optAudioSteps(7)
                .optAudioDim(4)
                .optVisionSteps(5)
                .optVisionDim(3)
                .optSeed(seed)
                .build()
                .generate(VOCAB)
                .get("train");
    }

    /** A regression model for {@code split}'s shapes, initialised on {@code manager}. */
    static MmmieModel model(NDManager manager, MmmieConfig config, MultimodalSplit split) {
        ModelInputs inputs = new ModelInputs(0, split.audio().dim(), split.vision().dim(), 0);
        return new MmmieModel(config, BERT, inputs)
                .initialize(manager, TEXT_LENGTH, split.audio().steps(), split.vision().steps());
    }

    /** The first batch of {@code size} samples of {@code split}, in order. */
    static Batch batch(NDManager manager, MultimodalSplit split, int size) throws Exception {
        MultimodalDataset dataset =
                MultimodalDataset.builder().setSplit(split).setSampling(size, false).build();
        return dataset.getData(manager).iterator().next();
    }

    /** The values of an array, as floats. */
    static float[] values(NDArray array) {
        return array.toFloatArray();
    }

    /** The names of a prediction list, in order. */
    static List<String> names(NDList list) {
        return list.stream().map(NDArray::getName).toList();
    }
}
