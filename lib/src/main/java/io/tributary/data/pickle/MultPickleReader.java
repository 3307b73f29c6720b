package io.tributary.data.pickle;

import io.tributary.data.MultimodalSplit;
import io.tributary.data.NonFinite;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MulT's pickles ({@code mosi_data.pkl}, {@code mosei_senti_data.pkl}, {@code iemocap_data.pkl}): a
 * dict {train, valid, test} of {text (N, T, 300) GloVe vectors, audio, vision, labels}. Labels (N,
 * 1, 1) are regression scores; IEMOCAP's (N, 4, 2), one-hot per emotion (neutral, happy, sad,
 * angry), become (N, 4) class indices. Text, audio and vision have non-finite values replaced by 0
 * (counted) and lengths from their first all-zero frame. Sample ids come from {@code id} when the
 * file has it, else {@code <split>[i]}.
 */
public final class MultPickleReader {

    /** The splits of a MulT pickle. */
    public static final List<String> SPLITS = List.of("train", "valid", "test");

    /** Keys every split must have. */
    public static final List<String> REQUIRED_KEYS = List.of("text", "audio", "vision", "labels");

    private static final String LABELS = "labels";
    private static final List<String> FEATURES = List.of("text", "audio", "vision");

    private final SplitTable table;

    private MultPickleReader(SplitTable table) {
        this.table = table;
    }

    /** Parses {@code file} and checks MulT's layout; arrays stay in the file. */
    public static MultPickleReader open(Path file) {
        return from(file, Unpickler.load(file));
    }

    static MultPickleReader from(Path file, Object top) {
        SplitTable table = SplitTable.of(file, "MulT", top, SPLITS, REQUIRED_KEYS);
        for (String split : table.splits().keySet()) {
            for (String key : FEATURES) {
                table.array(split, key, 3);
            }
            NdArray labels = table.array(split, LABELS);
            long perSample = labels.dim(0) == 0 ? 1 : labels.size() / labels.dim(0);
            if (perSample != 1 && !isEmotionLayout(labels)) {
                throw table.error(
                        split,
                        LABELS,
                        "expected (N, 1, 1) scores or (N, 4, 2) emotions, found shape "
                                + Arrays.toString(labels.shape()));
            }
        }
        return new MultPickleReader(table);
    }

    private static boolean isEmotionLayout(NdArray labels) {
        return labels.rank() == 3 && labels.dim(2) == 2;
    }

    public Path file() {
        return table.file();
    }

    public Set<String> splitNames() {
        return table.splits().keySet();
    }

    public long count(String split) {
        return table.count(split);
    }

    /** Every key of the split, lazily. */
    public Map<String, Object> keys(String split) {
        return table.split(split);
    }

    /** The split with GloVe text embeddings. */
    public MultimodalSplit read(String split) {
        MultimodalSplit.Builder builder = MultimodalSplit.builder().setName(split);
        builder.setTextEmbeddings(table.features(split, "text", null, builder));
        builder.setAudio(table.features(split, "audio", null, builder));
        builder.setVision(table.features(split, "vision", null, builder));
        builder.setIds(ids(split, (int) table.count(split)));
        NdArray labels = table.array(split, LABELS);
        if (isEmotionLayout(labels)) {
            builder.setEmotionClasses((int) labels.dim(1), argmaxLastAxis(labels.toFloats(), 2));
        } else {
            builder.setRegressionLabels(labels.toFloats());
        }
        return builder.build();
    }

    private String[] ids(String split, int n) {
        if (table.has(split, "id")) {
            NdArray ids = table.array(split, "id");
            String[] values = ids.toStrings();
            if (values.length == n) {
                return values;
            }
            int width = values.length / Math.max(n, 1);
            String[] joined = new String[n];
            for (int i = 0; i < n; i++) {
                joined[i] =
                        String.join("_", Arrays.copyOfRange(values, i * width, (i + 1) * width));
            }
            return joined;
        }
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = split + "[" + i + "]";
        }
        return ids;
    }

    /** Per group of {@code width} values, the index of the largest (first on ties). */
    private static float[] argmaxLastAxis(float[] values, int width) {
        float[] classes = new float[values.length / width];
        for (int g = 0; g < classes.length; g++) {
            int best = 0;
            for (int k = 1; k < width; k++) {
                if (values[g * width + k] > values[g * width + best]) {
                    best = k;
                }
            }
            classes[g] = best;
        }
        return classes;
    }

    /** Shapes, dtypes, label statistics and non-finite counts of every split. */
    public PickleSummary summary() {
        Map<String, PickleSummary.Split> splits = new LinkedHashMap<>();
        for (String split : splitNames()) {
            Map<String, NonFinite> replaced = new LinkedHashMap<>();
            for (String key : FEATURES) {
                replaced.put(key, table.array(split, key).countNonFinite());
            }
            splits.put(
                    split,
                    new PickleSummary.Split(
                            count(split),
                            table.keySummary(split),
                            PickleSummary.LabelStats.of(
                                    LABELS, table.array(split, LABELS).toFloats()),
                            replaced));
        }
        return new PickleSummary("mult", file().toString(), splits);
    }
}
