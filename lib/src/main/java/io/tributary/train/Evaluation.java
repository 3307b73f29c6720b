package io.tributary.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.TranslateException;
import io.tributary.data.MultimodalDataset;
import io.tributary.data.MultimodalSplit;
import io.tributary.inject.InjectionModel;
import io.tributary.nn.Modalities;
import io.tributary.nn.MultimodalModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model run over one split in eval mode, batch by batch (each batch's arrays closed after it):
 * the outputs, L_task, the task's metrics and, for the injection model, the mean gate per injected
 * layer and the mean attention per nonverbal modality, over valid tokens.
 *
 * @param outputs per sample, its score (or its E x 2 logits), sample-major
 * @param taskLoss L_task over the split (each batch's mean weighted by its size)
 * @param metrics the task's metrics, named as {@code ./msa metrics} names them
 * @param gates mean gate per injected layer, by layer index (empty for the baselines)
 * @param attention mean attention weight per nonverbal modality read ({@code acoustic}, {@code
 *     visual})
 * @param diagnostics the objective's {@link Objective#diagnostics} averaged over the split's
 *     samples (MMMIE's validation MI estimates and their controls)
 */
public record Evaluation(
        float[] outputs,
        double taskLoss,
        Map<String, Double> metrics,
        Map<String, Double> gates,
        Map<String, Double> attention,
        Map<String, Double> diagnostics) {

    /** The mean gate over valid tokens, samples and injected layers (NaN without a branch). */
    public double meanGate() {
        return gates.values().stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElse(Double.NaN);
    }

    /** Sees each batch's inputs and the model's outputs while their arrays are open. */
    @FunctionalInterface
    interface BatchObserver {
        BatchObserver NONE = (model, data, outputs) -> {};

        void observe(MultimodalModel model, NDList data, NDList outputs);
    }

    static Evaluation run(
            MultimodalModel model,
            Objective objective,
            MultimodalSplit split,
            Task task,
            TrainConfig config,
            NDManager manager) {
        return run(model, objective, split, task, config, manager, BatchObserver.NONE);
    }

    /**
     * As {@link #run(MultimodalModel, Objective, MultimodalSplit, Task, TrainConfig, NDManager)},
     * with {@code observer} shown every batch.
     */
    static Evaluation run(
            MultimodalModel model,
            Objective objective,
            MultimodalSplit split,
            Task task,
            TrainConfig config,
            NDManager manager,
            BatchObserver observer) {
        int batchSize = config.batchSize();
        MultimodalDataset dataset = TrainingData.dataset(split, config, false);
        InjectionModel injection = model instanceof InjectionModel m ? m : null;
        List<Integer> layers = injection != null ? injection.injectedLayers() : List.of();
        double[] gateSums = new double[layers.size()];
        double[] attentionSums = new double[2];
        double tokens = 0;
        double lossSum = 0;
        List<float[]> outputs = new ArrayList<>();
        Map<String, Double> diagnosticSums = new LinkedHashMap<>();
        int batches = 0;
        try {
            for (Batch batch : dataset.getData(manager, new SeededBatchSampler(batchSize, null))) {
                try (batch) {
                    NDList data = batch.getData();
                    NDList predictions =
                            model.forward(
                                    new ParameterStore(batch.getManager(), false), data, false);
                    observer.observe(model, data, predictions);
                    long size = data.get(1).getShape().get(0);
                    lossSum += objective.task(batch.getLabels(), predictions).getFloat() * size;
                    outputs.add(predictions.get(0).toFloatArray());
                    objective
                            .diagnostics(predictions, batches++)
                            .forEach(
                                    (name, value) ->
                                            diagnosticSums.merge(name, value * size, Double::sum));
                    if (!layers.isEmpty()) {
                        NDArray valid = data.get(1).toType(DataType.FLOAT32, false); // (B, T)
                        tokens += valid.sum().getFloat();
                        long splitAt =
                                injection.config().acousticKeys(data.get(3).getShape().get(1));
                        for (int i = 0; i < layers.size(); i++) {
                            int k = layers.get(i);
                            NDArray gate = predictions.get(InjectionModel.gateOutput(k)); // (B, T)
                            gateSums[i] += gate.mul(valid).sum().getFloat();
                            NDArray attention = predictions.get(InjectionModel.attentionOutput(k));
                            NDArray acoustic =
                                    attention.get(":, :, :" + splitAt).sum(new int[] {2});
                            double a = acoustic.mul(valid).sum().getFloat(); // (B, T, J) -> ()
                            double all = attention.sum(new int[] {2}).mul(valid).sum().getFloat();
                            attentionSums[0] += a;
                            attentionSums[1] += all - a;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TranslateException e) {
            throw new IllegalStateException(e);
        }
        float[] flat = concat(outputs);
        Map<String, Double> gates = new LinkedHashMap<>();
        Map<String, Double> attention = new LinkedHashMap<>();
        if (!layers.isEmpty()) {
            for (int k = 0; k < layers.size(); k++) {
                gates.put("layer_" + layers.get(k), gateSums[k] / tokens);
            }
            Modalities read = injection.config().modalities();
            if (read.acoustic()) {
                attention.put("acoustic", attentionSums[0] / (tokens * layers.size()));
            }
            if (read.visual()) {
                attention.put("visual", attentionSums[1] / (tokens * layers.size()));
            }
        }
        Map<String, Double> diagnostics = new LinkedHashMap<>();
        diagnosticSums.forEach((name, sum) -> diagnostics.put(name, sum / split.size()));
        return new Evaluation(
                flat,
                lossSum / split.size(),
                task.metrics(flat, split.labels()),
                gates,
                attention,
                diagnostics);
    }

    private static float[] concat(List<float[]> parts) {
        int total = parts.stream().mapToInt(p -> p.length).sum();
        float[] out = new float[total];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
