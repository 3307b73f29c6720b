package io.tributary.train;

import io.tributary.bert.BertConfig;
import io.tributary.bert.BertTokenizer;
import io.tributary.bert.WordPieceTokenizer;
import io.tributary.core.InputException;
import io.tributary.core.Json;
import io.tributary.data.MultimodalDataset;
import io.tributary.data.MultimodalSplit;
import io.tributary.data.SyntheticData;
import io.tributary.data.TextTokenizer;
import io.tributary.data.TokenIds;
import io.tributary.data.pickle.PickleInspector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The data of a run from what a user names: a corpus pickle (MMSA, MulT or MAG-BERT layout), or
 * {@code synthetic} (the acoustic stream informative), {@code synthetic-noise} (both nonverbal
 * streams pure noise) or {@code synthetic-aligned} (as {@code synthetic}, one frame per token, for
 * MAG-BERT), generated from the run's seed with the BERT folder's vocabulary.
 */
public final class TrainingData {

    /** The names of the generated corpora. */
    public static final List<String> SYNTHETIC =
            List.of("synthetic", "synthetic-noise", "synthetic-aligned", "synthetic-shared");

    /** Every split a run can read: what it trains on, selects on, and is scored on. */
    public static final List<String> ALL_SPLITS = List.of("train", "valid", "test");

    /** The splits of a selection-only run: the test split is never built. */
    public static final List<String> SELECTION_SPLITS = List.of("train", "valid");

    /** How many times this process has built each split from data, by split name. */
    private static final Map<String, AtomicInteger> SPLIT_READS = new ConcurrentHashMap<>();

    /** Splits and where they came from. */
    public record Loaded(Map<String, MultimodalSplit> splits, TrainingRun.DataSource source) {}

    private TrainingData() {}

    /**
     * Loads every split of {@code data} as {@code train} says: the seed of generated data, and for
     * corpus files the text source and the BERT length words are tokenised to.
     */
    public static Loaded load(String data, Path bert, TrainConfig train) {
        return load(data, bert, train, ALL_SPLITS);
    }

    /**
     * Loads the splits {@code names} of {@code data} (of {@link #ALL_SPLITS}), as {@link
     * #load(String, Path, TrainConfig)} loads them; the others are never built, and every split
     * built is counted in {@link #splitReads()}.
     */
    public static Loaded load(String data, Path bert, TrainConfig train, List<String> names) {
        Loaded loaded = build(data, bert, train, names);
        loaded.splits()
                .keySet()
                .forEach(
                        name ->
                                SPLIT_READS
                                        .computeIfAbsent(name, k -> new AtomicInteger())
                                        .incrementAndGet());
        return loaded;
    }

    /**
     * How many times this process has built each split from data (a split never built is absent):
     * what a run started by {@code ./msa train} records in its {@code result.json}, so that a run
     * that must not see the test split shows that it did not.
     */
    public static Map<String, Integer> splitReads() {
        Map<String, Integer> reads = new LinkedHashMap<>();
        for (String name : ALL_SPLITS) {
            AtomicInteger count = SPLIT_READS.get(name);
            if (count != null) {
                reads.put(name, count.get());
            }
        }
        return reads;
    }

    private static Loaded build(String data, Path bert, TrainConfig train, List<String> names) {
        long seed = train.seed();
        int textLength = train.textLength();
        if (SYNTHETIC.contains(data)) {
            SyntheticData generator =
                    switch (data) {
                        case "synthetic-noise" -> SyntheticData.nonverbalNoise(seed);
                        case "synthetic-aligned" -> SyntheticData.wordAligned(seed);
                        case "synthetic-shared" -> SyntheticData.sharedFactor(seed);
                        default -> SyntheticData.acousticInformative(seed);
                    };
            List<String> vocabulary = WordPieceTokenizer.vocabulary(bert.resolve("vocab.txt"));
            return new Loaded(
                    generator.generate(vocabulary, names),
                    TrainingRun.DataSource.generated(
                            data, Json.gson().toJsonTree(generator).getAsJsonObject()));
        }
        Path file = Path.of(data);
        if (!Files.isRegularFile(file)) {
            throw new InputException(
                    "--data " + data + ": expected a corpus pickle or one of " + SYNTHETIC);
        }
        Map<String, MultimodalSplit> splits =
                PickleInspector.readSplits(
                        file,
                        tokenizer(bert),
                        textLength,
                        train.textSource() == TrainConfig.TextSource.RAW_TEXT,
                        names);
        return new Loaded(splits, TrainingRun.DataSource.file(file));
    }

    /**
     * Checks that every split's text fits {@code bert}: token ids inside its vocabulary and lengths
     * within its positions (ids made for another BERT would index outside its embeddings).
     */
    public static void checkFits(Map<String, MultimodalSplit> splits, BertConfig bert, Path dir) {
        for (MultimodalSplit split : splits.values()) {
            if (!split.hasTokenIds()) {
                continue;
            }
            TokenIds tokens = split.tokens();
            if (tokens.length() > bert.maxPositionEmbeddings()) {
                throw new InputException(
                        String.format(
                                "--bert %s: split '%s' has texts of %d tokens, the BERT has %d"
                                        + " positions",
                                dir, split.name(), tokens.length(), bert.maxPositionEmbeddings()));
            }
            int largest = Arrays.stream(tokens.ids()).flatMapToInt(Arrays::stream).max().orElse(0);
            if (largest >= bert.vocabSize()) {
                throw new InputException(
                        String.format(
                                "--bert %s: split '%s' has token id %d, outside the BERT's"
                                        + " vocabulary of %d (the data was tokenised for another"
                                        + " BERT)",
                                dir, split.name(), largest, bert.vocabSize()));
            }
        }
    }

    /**
     * A split as a run's config serves it, for training ({@code shuffle}: batches drawn in a seeded
     * order) and evaluation alike: the batch size, and the padding ({@code fixed}: every batch at
     * the split's full lengths; {@code batch}: at its longest sample's).
     */
    public static MultimodalDataset dataset(
            MultimodalSplit split, TrainConfig config, boolean shuffle) {
        return MultimodalDataset.builder()
                .setSplit(split)
                .setSampling(config.batchSize(), shuffle)
                .optFixedLength(config.padding() == TrainConfig.Padding.FIXED)
                .build();
    }

    /** The split {@code name}, or a user error listing the splits there are. */
    public static MultimodalSplit split(Map<String, MultimodalSplit> splits, String name) {
        MultimodalSplit split = splits.get(name);
        if (split == null) {
            throw new InputException("--split " + name + ": expected one of " + splits.keySet());
        }
        return split;
    }

    /** The BERT folder's tokenizer as the readers take it: word-piece ids without specials. */
    private static TextTokenizer tokenizer(Path bert) {
        BertTokenizer tokenizer = BertTokenizer.fromFolder(bert);
        long[] empty = tokenizer.encode("", 2).inputIds();
        return new TextTokenizer() {
            @Override
            public int[] wordPieceIds(String text) {
                BertTokenizer.Encoding encoding = tokenizer.encode(text, 512);
                int valid = encoding.tokens().size();
                return Arrays.stream(encoding.inputIds(), 1, valid - 1)
                        .mapToInt(id -> (int) id)
                        .toArray();
            }

            @Override
            public int clsId() {
                return (int) empty[0];
            }

            @Override
            public int sepId() {
                return (int) empty[1];
            }
        };
    }
}
