package io.tributary.train;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import io.tributary.bert.BertConfig;
import io.tributary.core.AtomicFiles;
import io.tributary.core.Choices;
import io.tributary.core.Devices;
import io.tributary.core.InputException;
import io.tributary.data.MultimodalSplit;
import io.tributary.metrics.IemocapMetrics;
import io.tributary.mmmie.MmmieConfig;
import io.tributary.nn.ModelInputs;
import io.tributary.nn.MultimodalModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A finished run evaluated again: its saved model reloaded from {@code OUT/model}, run over a split
 * of some data, the predictions written as CSV ({@code id,prediction,label}, what {@code ./msa
 * metrics} reads; IEMOCAP: {@code id,emotion,prediction,label} with the argmax class) and the
 * metrics returned.
 */
public final class SavedRunEvaluation {

    private SavedRunEvaluation() {}

    public static Map<String, Double> evaluate(Path run, String data, String splitName, Path csv) {
        return reloaded(
                run,
                data,
                splitName,
                (split, evaluate) -> {
                    Evaluation evaluation = evaluate.apply(split);
                    Task task = Task.valueOf(RunResult.read(run).config().task());
                    AtomicFiles.write(
                            csv,
                            out ->
                                    out.write(
                                            csvOf(split, evaluation.outputs(), task)
                                                    .getBytes(StandardCharsets.UTF_8)));
                    return evaluation.metrics();
                });
    }

    /** What is done with a reloaded run: the split, and the run's evaluation of any such split. */
    @FunctionalInterface
    interface Use<T> {
        T apply(MultimodalSplit split, Evaluator evaluate);
    }

    /**
     * The reloaded run's model run over a split in eval mode, {@code observer} seeing each batch.
     */
    @FunctionalInterface
    interface Evaluator {
        Evaluation apply(MultimodalSplit split, Evaluation.BatchObserver observer);

        default Evaluation apply(MultimodalSplit split) {
            return apply(split, Evaluation.BatchObserver.NONE);
        }
    }

    /**
     * Reloads the run's saved model and the split {@code splitName} of {@code data} (read as the
     * run's config reads it, checked against the model), and hands both to {@code use}: {@code
     * evaluate} runs the model over a split in eval mode, as training evaluated its test split.
     */
    static <T> T reloaded(Path run, String data, String splitName, Use<T> use) {
        RunResult result = RunResult.read(run);
        Path bert = Path.of(result.config().bertPath());
        TrainConfig train = result.config().train();
        TrainingData.Loaded loaded = TrainingData.load(data, bert, train);
        MultimodalSplit split = TrainingData.split(loaded.splits(), splitName);
        Path saved = run.resolve("model");
        SavedModel.Manifest manifest = SavedModel.manifest(saved);
        TrainingData.checkFits(
                Map.of(splitName, split),
                BertConfig.fromJson(manifest.bert(), saved.resolve(SavedModel.CONFIG)),
                bert);
        Task task = Task.valueOf(result.config().task());
        try (NDManager manager = NDManager.newBaseManager(Devices.preferred())) {
            ModelTrainer.applyThreads(train);
            requireSameModel(result, saved);
            MultimodalModel model = SavedModel.load(saved, manager);
            requireSameInputs(model, split, data);
            Objective objective = Families.objective(model);
            return use.apply(
                    split,
                    (s, observer) ->
                            Evaluation.run(model, objective, s, task, train, manager, observer));
        }
    }

    /** The data must have the feature sizes and task the model was trained for. */
    private static void requireSameInputs(
            MultimodalModel model, MultimodalSplit split, String data) {
        ModelInputs expected = model.inputs();
        ModelInputs found = ModelTrainer.inputsOf(split, model.config());
        if (!expected.equals(found)) {
            throw new InputException(
                    String.format(
                            "--data %s: split '%s' has word vectors %d, audio %d, vision %d"
                                    + " features and %d emotions; the model was trained on %d,"
                                    + " %d, %d and %d",
                            data,
                            split.name(),
                            found.wordVectorDim(),
                            found.audioDim(),
                            found.visionDim(),
                            found.emotions(),
                            expected.wordVectorDim(),
                            expected.audioDim(),
                            expected.visionDim(),
                            expected.emotions()));
        }
    }

    /** The saved model must be the one the run's record describes. */
    private static void requireSameModel(RunResult result, Path saved) {
        JsonObject model = result.config().model();
        // MMMIE is a family of one model: its config names no model
        String recorded =
                model.has("model") ? model.get("model").getAsString() : MmmieConfig.FAMILY;
        String found =
                Choices.name(SavedModel.modelConfig(SavedModel.manifest(saved), saved).model());
        if (!recorded.equals(found)) {
            throw new InputException(
                    String.format(
                            "%s: model: expected \"%s\" (as %s says), found \"%s\"",
                            saved.resolve(SavedModel.CONFIG), recorded, RunResult.FILE, found));
        }
    }

    private static String csvOf(MultimodalSplit split, float[] outputs, Task task) {
        StringBuilder csv = new StringBuilder();
        String[] ids = split.ids();
        float[] labels = split.labels();
        if (task != Task.IEMOCAP) {
            csv.append("id,prediction,label\n");
            for (int i = 0; i < ids.length; i++) {
                csv.append(String.format(Locale.ROOT, "%s,%s,%s%n", ids[i], outputs[i], labels[i]));
            }
            return csv.toString();
        }
        csv.append("id,emotion,prediction,label\n");
        int emotions = split.labelWidth();
        for (int i = 0; i < ids.length; i++) {
            for (int e = 0; e < emotions; e++) {
                int at = (i * emotions + e) * 2;
                int predicted = outputs[at + 1] > outputs[at] ? 1 : 0;
                csv.append(
                        String.format(
                                Locale.ROOT,
                                "%s,%s,%d,%d%n",
                                ids[i],
                                IemocapMetrics.EMOTIONS.get(e),
                                predicted,
                                (int) labels[i * emotions + e]));
            }
        }
        return csv.toString();
    }
}
