package io.tributary.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import io.tributary.core.Choices;
import io.tributary.core.InputException;
import io.tributary.data.MultimodalSplit;
import io.tributary.inject.InjectionModel;
import io.tributary.nn.MultimodalModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gates and the additive attention of a trained injection model, token by token, over one
 * split: what {@code result.json}'s mean gate and mean attention summarise (DESIGN.md section 1).
 * The run's saved model is reloaded as {@code ./msa evaluate} reloads it and run in eval mode at
 * the run's batch size and padding. Rows are the split's samples in its order, columns the token
 * positions up to the longest batch's text length.
 *
 * @param run the run's folder
 * @param split the split's name
 * @param layers the injected layers, ascending
 * @param gates g_t per injected layer, sample and token, {@code [layer][sample][token]} (the
 *     "learned" gate averaged over its width); where the mask is 0, whatever the model computed at
 *     that padding, or 0 past its batch's length
 * @param mask 1 for a valid token, 0 for padding, {@code [sample][token]}
 * @param attention per nonverbal modality read ({@code acoustic}, {@code visual}), the attention
 *     weight a_tj summed over that modality's keys, {@code [layer][sample][token]}
 * @param labels the split's labels, sample-major ({@code evaluation}'s task says how many per
 *     sample)
 * @param evaluation the metrics and means of the same pass, as {@code result.json} records them for
 *     its test split
 */
public record GateTrace(
        Path run,
        String split,
        List<Integer> layers,
        float[][][] gates,
        float[][] mask,
        Map<String, float[][][]> attention,
        float[] labels,
        Evaluation evaluation) {

    /** The trace of the saved model of {@code run} over the split {@code split} of {@code data}. */
    public static GateTrace of(Path run, String data, String split) {
        Recorder recorder = new Recorder(run);
        return SavedRunEvaluation.reloaded(
                run,
                data,
                split,
                (read, evaluate) -> recorder.trace(split, read, evaluate.apply(read, recorder)));
    }

    public int samples() {
        return mask.length;
    }

    /** The mean gate per injected layer over valid tokens and samples, {@code layer_k}. */
    public Map<String, Double> meanGates() {
        Map<String, Double> means = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            means.put("layer_" + layers.get(i), maskedMean(gates[i]));
        }
        return means;
    }

    /** The mean gate over valid tokens, samples and injected layers. */
    public double meanGate() {
        return meanGates().values().stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElseThrow();
    }

    /** The mean attention weight per modality over valid tokens, samples and injected layers. */
    public Map<String, Double> meanAttention() {
        Map<String, Double> means = new LinkedHashMap<>();
        attention.forEach(
                (modality, weights) -> {
                    double sum = 0;
                    for (float[][] layer : weights) {
                        sum += maskedMean(layer);
                    }
                    means.put(modality, sum / weights.length);
                });
        return means;
    }

    /** Per sample, its mean gate over its valid tokens and the injected layers. */
    public double[] sampleGates() {
        double[] means = new double[samples()];
        for (int s = 0; s < means.length; s++) {
            double sum = 0;
            double valid = 0;
            for (float[][] layer : gates) {
                for (int t = 0; t < mask[s].length; t++) {
                    sum += layer[s][t] * mask[s][t];
                    valid += mask[s][t];
                }
            }
            means[s] = sum / valid;
        }
        return means;
    }

    /**
     * Per injected layer and token position, the mean gate over the samples whose token there is
     * valid (NaN where none is), {@code [layer][token]}.
     */
    public double[][] positionGates() {
        int tokens = mask[0].length;
        double[][] means = new double[layers.size()][tokens];
        for (int i = 0; i < layers.size(); i++) {
            for (int t = 0; t < tokens; t++) {
                double sum = 0;
                double valid = 0;
                for (int s = 0; s < samples(); s++) {
                    sum += gates[i][s][t] * mask[s][t];
                    valid += mask[s][t];
                }
                means[i][t] = valid > 0 ? sum / valid : Double.NaN;
            }
        }
        return means;
    }

    private double maskedMean(float[][] values) {
        double sum = 0;
        double valid = 0;
        for (int s = 0; s < values.length; s++) {
            for (int t = 0; t < values[s].length; t++) {
                sum += values[s][t] * mask[s][t];
                valid += mask[s][t];
            }
        }
        return sum / valid;
    }

    /** Copies each batch's gates, token mask and attention per modality out of its arrays. */
    private static final class Recorder implements Evaluation.BatchObserver {

        private final Path run;
        private InjectionModel model;
        private final List<float[][]> masks = new ArrayList<>();
        private final List<List<float[][]>> gates = new ArrayList<>();
        private final Map<String, List<List<float[][]>>> attention = new LinkedHashMap<>();

        Recorder(Path run) {
            this.run = run;
        }

        @Override
        public void observe(MultimodalModel seen, NDList data, NDList outputs) {
            if (model == null) {
                start(seen);
            }
            masks.add(rows(data.get(1).toType(DataType.FLOAT32, false))); // (B, T)
            long splitAt = model.config().acousticKeys(data.get(3).getShape().get(1));
            for (int i = 0; i < gates.size(); i++) {
                int k = model.injectedLayers().get(i);
                gates.get(i).add(rows(outputs.get(InjectionModel.gateOutput(k)))); // (B, T)
                NDArray weights = outputs.get(InjectionModel.attentionOutput(k)); // (B, T, J)
                for (Map.Entry<String, List<List<float[][]>>> m : attention.entrySet()) {
                    String keys = m.getKey().equals("acoustic") ? ":" + splitAt : splitAt + ":";
                    NDArray summed = weights.get(":, :, " + keys).sum(new int[] {2}); // (B, T)
                    m.getValue().get(i).add(rows(summed));
                }
            }
        }

        private void start(MultimodalModel seen) {
            if (!(seen instanceof InjectionModel injection)
                    || injection.injectedLayers().isEmpty()) {
                throw new InputException(
                        run
                                + ": expected a run of the injection model, which has gates,"
                                + " found model "
                                + Choices.name(seen.config().model()));
            }
            model = injection;
            for (int i = 0; i < injection.injectedLayers().size(); i++) {
                gates.add(new ArrayList<>());
            }
            List<String> read = new ArrayList<>();
            if (injection.config().modalities().acoustic()) {
                read.add("acoustic");
            }
            if (injection.config().modalities().visual()) {
                read.add("visual");
            }
            for (String modality : read) {
                List<List<float[][]>> perLayer = new ArrayList<>();
                gates.forEach(unused -> perLayer.add(new ArrayList<>()));
                attention.put(modality, perLayer);
            }
        }

        GateTrace trace(String split, MultimodalSplit read, Evaluation evaluation) {
            int tokens = masks.stream().mapToInt(b -> b[0].length).max().orElseThrow();
            Map<String, float[][][]> weights = new LinkedHashMap<>();
            attention.forEach(
                    (modality, perLayer) -> weights.put(modality, stack(perLayer, tokens)));
            return new GateTrace(
                    run,
                    split,
                    model.injectedLayers(),
                    stack(gates, tokens),
                    join(masks, tokens),
                    weights,
                    read.labels(),
                    evaluation);
        }

        private static float[][][] stack(List<List<float[][]>> perLayer, int tokens) {
            float[][][] out = new float[perLayer.size()][][];
            for (int i = 0; i < out.length; i++) {
                out[i] = join(perLayer.get(i), tokens);
            }
            return out;
        }

        /** The batches' rows one after another, each zero-padded to {@code tokens}. */
        private static float[][] join(List<float[][]> batches, int tokens) {
            List<float[]> rows = new ArrayList<>();
            for (float[][] batch : batches) {
                for (float[] row : batch) {
                    float[] padded = new float[tokens];
                    System.arraycopy(row, 0, padded, 0, row.length);
                    rows.add(padded);
                }
            }
            return rows.toArray(new float[0][]);
        }

        /** A (B, T) array as B rows. */
        private static float[][] rows(NDArray array) {
            int b = (int) array.getShape().get(0);
            int t = (int) array.getShape().get(1);
            float[] flat = array.toFloatArray();
            float[][] rows = new float[b][t];
            for (int s = 0; s < b; s++) {
                System.arraycopy(flat, s * t, rows[s], 0, t);
            }
            return rows;
        }
    }
}
