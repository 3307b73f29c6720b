package io.tributary.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.tributary.bert.BertConfig;
import io.tributary.bert.WordPieceTokenizer;
import io.tributary.core.CodeVersion;
import io.tributary.core.Json;
import io.tributary.core.ProcessMemory;
import io.tributary.data.MultimodalDataset;
import io.tributary.data.MultimodalSplit;
import io.tributary.data.SyntheticData;
import io.tributary.inject.InjectionConfig;
import io.tributary.inject.InjectionModel;
import io.tributary.loss.CrossModalMarginLoss;
import io.tributary.loss.CrossModalMatchingLoss;
import io.tributary.loss.RegressionLoss;
import io.tributary.nn.ModelInputs;
import io.tributary.nn.ModelKind;
import io.tributary.tensors.BlockParameters;
import io.tributary.tensors.SafetensorsWriter;
import io.tributary.train.AdamW;
import io.tributary.train.ParameterGroups;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Java side of {@code benchmarks/compare}: builds text-only BERT-base or the gated injection
 * model from a seed, writes its initial weights and one MOSI-shaped batch (32 x 50 tokens, 50
 * word-aligned frames of 74 acoustic and 47 visual features) to {@code OUT/<model>.safetensors},
 * then measures, in this order: the fp32 GEMM peak (DJL's {@code matMul}, n x n by n x n), the
 * eval-mode loss of the batch (the parity check's number), the eval-mode forward latency at batch
 * 1, and training steps (forward, L1 (+ 0.1 L_match + 0.1 L_margin), backward, AdamW with clipping
 * at 1.0). Prints one JSON object; {@code benchmarks/peer/peer_step.py} is its PyTorch twin.
 *
 * <p>Weights are written under {@code weight.<name>} ({@link BlockParameters#named}), the batch
 * under {@code batch.<input>} and {@code batch.label}, all float32.
 */
@Command(
        name = "peer-step",
        mixinStandardHelpOptions = true,
        description = "The Java training step that benchmarks/compare sets beside PyTorch's.")
public final class PeerStep implements Callable<Integer> {

    /** The names of the model's seven inputs, in its order. */
    static final List<String> INPUTS =
            List.of(
                    "input_ids",
                    "attention_mask",
                    "token_type_ids",
                    "audio",
                    "audio_mask",
                    "vision",
                    "vision_mask");

    @Option(names = "--model", required = true, description = "text or injection.")
    ModelKind model;

    @Option(names = "--out", required = true, description = "Folder for <model>.safetensors.")
    Path out;

    @Option(
            names = "--size",
            defaultValue = "base",
            description =
                    "base (BERT-base) or tiny (2 layers of width 32), both of vocabulary 30522.")
    String size;

    @Option(names = "--batch", defaultValue = "32")
    int batch;

    @Option(names = "--length", defaultValue = "50", description = "Text length and frames.")
    int length;

    @Option(names = "--warmup", defaultValue = "1", description = "Untimed training steps.")
    int warmup;

    @Option(names = "--steps", defaultValue = "2", description = "Timed training steps.")
    int steps;

    @Option(names = "--forward-repeats", defaultValue = "10")
    int forwardRepeats;

    @Option(names = "--threads", defaultValue = "2", description = "PyTorch intra-op threads.")
    int threads;

    @Option(names = "--seed", defaultValue = "1111")
    long seed;

    @Option(
            names = "--dropout",
            defaultValue = "0.1",
            description = "Every dropout rate (BERT's and the model's); 0 for the parity check.")
    float dropout;

    @Option(names = "--gemm", defaultValue = "2048", description = "n of the GEMM peak; 0: none.")
    int gemm;

    public static void main(String[] args) {
        System.exit(
                new CommandLine(new PeerStep())
                        .setCaseInsensitiveEnumValuesAllowed(true)
                        .execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (model != ModelKind.TEXT && model != ModelKind.INJECTION) {
            System.err.println("--model: expected text or injection, found " + model);
            return 2;
        }
        if (!size.equals("base") && !size.equals("tiny")) {
            System.err.println("--size: expected base or tiny, found " + size);
            return 2;
        }
        Engine.getInstance().setRandomSeed((int) seed);
        JniUtils.setNumThreads(threads);
        JsonObject report = new JsonObject();
        report.addProperty("side", "java");
        report.addProperty("model", model == ModelKind.TEXT ? "text" : "injection");
        report.addProperty(
                "engine",
                "DJL " + Engine.getDjlVersion() + ", PyTorch " + Engine.getInstance().getVersion());
        report.addProperty("code_version", CodeVersion.get());
        report.addProperty("threads", threads);
        report.addProperty("glibc_tunables", System.getenv("GLIBC_TUNABLES"));
        report.addProperty("size", size);
        report.addProperty("batch", batch);
        report.addProperty("length", length);
        report.addProperty("seed", seed);
        report.addProperty("dropout", dropout);
        try (NDManager manager = NDManager.newBaseManager()) {
            if (gemm > 0) {
                report.add("gemm", GemmPeak.measure(manager, gemm, 5));
            }
            BertConfig bert = bert();
            InjectionConfig config =
                    InjectionConfig.builder().optModel(model).optDropout(dropout).build();
            InjectionModel net = new InjectionModel(config, bert, new ModelInputs(0, 74, 47, 0));
            net.initialize(manager, length, length, length);
            MultimodalDataset data = dataset(bert);
            Batch first = data.getData(manager).iterator().next();
            Path file = out.resolve(report.get("model").getAsString() + ".safetensors");
            write(file, net, first, bert, config);
            report.addProperty("file", file.toString());
            report.add("bert", Json.gson().toJsonTree(bert));
            report.add("config", Json.gson().toJsonTree(config));
            try (NDManager step = manager.newSubManager()) {
                NDList predictions =
                        net.forward(new ParameterStore(step, false), attached(first, step), false);
                report.addProperty("eval_loss", loss(first.getLabels(), predictions).getFloat());
            }
            report.add("forward_b1_seconds", forwardLatency(net, first, manager));
            report.add("train", train(net, data, manager));
        }
        report.addProperty("peak_rss_mb", ProcessMemory.peakResidentMegabytes());
        System.out.println(Json.gson().toJson(report));
        return 0;
    }

    /** BERT-base (bert-base-uncased's shape and vocabulary size), or tiny, with the dropout. */
    private BertConfig bert() {
        BertConfig base = size.equals("base") ? BertConfig.base() : BertConfig.tiny();
        return new BertConfig(
                base.vocabSize(),
                base.hiddenSize(),
                base.numHiddenLayers(),
                base.numAttentionHeads(),
                base.intermediateSize(),
                base.maxPositionEmbeddings(),
                base.typeVocabSize(),
                base.layerNormEps(),
                dropout,
                dropout,
                base.initializerRange());
    }

    private MultimodalDataset dataset(BertConfig bert) {
        MultimodalSplit split =
                SyntheticData.builder()
                        .optSeed(seed)
                        .optTrain(batch)
                        .optTextLength(length)
                        .optAudioDim(74)
                        .optVisionDim(47)
                        .optWordAligned(true)
                        .build()
                        .generate(WordPieceTokenizer.bundledVocabulary())
                        .get("train");
        return MultimodalDataset.builder()
                .setSplit(split)
                .setSampling(batch, false)
                .optFixedLength(true)
                .build();
    }

    private static void write(
            Path file, InjectionModel net, Batch batch, BertConfig bert, InjectionConfig config)
            throws Exception {
        Files.createDirectories(file.getParent());
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        BlockParameters.named(net)
                .forEach((name, parameter) -> tensors.put("weight." + name, parameter.getArray()));
        NDList inputs = batch.getData();
        for (int i = 0; i < INPUTS.size(); i++) {
            tensors.put("batch." + INPUTS.get(i), inputs.get(i));
        }
        tensors.put("batch.label", batch.getLabels().get(0));
        SafetensorsWriter.write(
                file,
                tensors,
                Map.of(
                        "format",
                        "pt",
                        "bert",
                        Json.gson().toJson(bert),
                        "config",
                        Json.gson().toJson(config)));
    }

    /**
     * L_task (L1) and, for the injection model, 0.1 L_match + 0.1 L_margin with gamma 0.2: the
     * defaults of DESIGN.md section 1.
     */
    private NDArray loss(NDList labels, NDList predictions) {
        InjectionConfig defaults = InjectionConfig.defaults();
        List<Loss> terms = new ArrayList<>();
        terms.add(new RegressionLoss("task", defaults.taskLoss(), 1f));
        if (model == ModelKind.INJECTION) {
            terms.add(new CrossModalMatchingLoss("match", defaults.lambdaMatch()));
            terms.add(
                    new CrossModalMarginLoss("margin", defaults.lambdaMargin(), defaults.gamma()));
        }
        NDArray total = null;
        for (Loss term : terms) {
            NDArray value = term.evaluate(labels, predictions);
            total = total == null ? value : total.add(value);
        }
        return total;
    }

    /** Eval-mode forward of the batch's first sample: each repeat's seconds, after two untimed. */
    private JsonArray forwardLatency(InjectionModel net, Batch batch, NDManager manager) {
        JsonArray seconds = new JsonArray();
        for (int i = 0; i < forwardRepeats + 2; i++) {
            try (NDManager step = manager.newSubManager()) {
                NDList one = new NDList();
                for (NDArray input : batch.getData()) {
                    one.add(input.get("0:1").duplicate());
                }
                one.attach(step);
                long start = System.nanoTime();
                net.forward(new ParameterStore(step, false), one, false).head().getFloat(0, 0);
                if (i >= 2) {
                    seconds.add((System.nanoTime() - start) / 1e9);
                }
            }
        }
        return seconds;
    }

    /** Training steps on the same batch: per step its seconds, loss and gradient norm. */
    private JsonArray train(InjectionModel net, MultimodalDataset data, NDManager manager)
            throws Exception {
        JsonArray records = new JsonArray();
        try (AdamW optimizer =
                AdamW.builder()
                        .setParameterGroups(
                                ParameterGroups.builder()
                                        .setBlock(net)
                                        .optGateParameters(net.gateParameters())
                                        .build())
                        .build()) {
            for (int i = 0; i < warmup + steps; i++) {
                Batch batch = data.getData(manager).iterator().next();
                long start = System.nanoTime();
                float loss;
                try (batch;
                        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDList predictions =
                            net.forward(
                                    new ParameterStore(batch.getManager(), false),
                                    batch.getData(),
                                    true);
                    NDArray total = loss(batch.getLabels(), predictions);
                    collector.backward(total);
                    loss = total.getFloat();
                }
                double norm = optimizer.step(1.0);
                JsonObject record = new JsonObject();
                record.addProperty("timed", i >= warmup);
                record.addProperty("seconds", (System.nanoTime() - start) / 1e9);
                record.addProperty("loss", loss);
                record.addProperty("grad_norm", norm);
                records.add(record);
                System.err.printf(
                        "java %s step %d/%d: %.2f s, loss %.6f%n",
                        model, i + 1, warmup + steps, record.get("seconds").getAsDouble(), loss);
            }
        }
        return records;
    }

    /** A copy of the batch's inputs on {@code step}: a forward's outputs live with its inputs. */
    private static NDList attached(Batch batch, NDManager step) {
        NDList copy = new NDList();
        for (NDArray input : batch.getData()) {
            copy.add(input.duplicate());
        }
        copy.attach(step);
        return copy;
    }
}
