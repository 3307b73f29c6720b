package io.tributary.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import io.tributary.bert.BertConfig;
import io.tributary.bert.WordPieceTokenizer;
import io.tributary.core.Devices;
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
import io.tributary.train.AdamW;
import io.tributary.train.ParameterGroups;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step (forward, L1 + L_match + L_margin, backward, AdamW with clipping) of the gated
 * injection model on a MOSI-shaped batch: text length 50, 50 word-aligned frames of 74 acoustic and
 * 47 visual features. The baseline is the same step of text-only BERT, so the difference is what
 * the nonverbal encoders and the branches beside every layer cost.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Dai.djl.offline=true")
@State(Scope.Benchmark)
public class InjectionTrainStepBenchmark {

    @Param({"base"})
    String size;

    @Param({"32"})
    int batch;

    /** PyTorch intra-op threads, as the {@code threads} setting sets them. */
    @Param({"2"})
    int threads;

    private NDManager manager;
    private MultimodalDataset data;
    private Step injection;
    private Step text;

    /** A model and its optimizer, ready to step. */
    private record Step(InjectionModel model, AdamW optimizer) {}

    @Setup(Level.Trial)
    public void setUp() {
        Engine.getInstance().setRandomSeed(1111);
        JniUtils.setNumThreads(threads);
        List<String> vocabulary = WordPieceTokenizer.bundledVocabulary();
        BertConfig bert =
                (size.equals("base") ? BertConfig.base() : BertConfig.tiny())
                        .withVocabSize(vocabulary.size());
        MultimodalSplit split =
                SyntheticData.builder()
                        .optTrain(batch)
                        .optTextLength(50)
                        .optAudioDim(74)
                        .optVisionDim(47)
                        .optWordAligned(true)
                        .build()
                        .generate(vocabulary)
                        .get("train");
        data =
                MultimodalDataset.builder()
                        .setSplit(split)
                        .setSampling(batch, false)
                        .optFixedLength(true)
                        .build();
        manager = NDManager.newBaseManager(Devices.preferred());
        injection = step(InjectionConfig.defaults(), bert, split);
        text = step(InjectionConfig.builder().optModel(ModelKind.TEXT).build(), bert, split);
    }

    private Step step(InjectionConfig config, BertConfig bert, MultimodalSplit split) {
        InjectionModel model = new InjectionModel(config, bert, new ModelInputs(0, 74, 47, 0));
        model.initialize(manager, 50, 50, 50);
        AdamW optimizer =
                AdamW.builder()
                        .setParameterGroups(
                                ParameterGroups.builder()
                                        .setBlock(model)
                                        .optGateParameters(model.gateParameters())
                                        .build())
                        .build();
        return new Step(model, optimizer);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        injection.optimizer().close();
        text.optimizer().close();
        manager.close();
    }

    @Benchmark
    public double injectionStep() throws Exception {
        return train(injection, true);
    }

    @Benchmark
    public double baselineTextOnlyStep() throws Exception {
        return train(text, false);
    }

    private double train(Step step, boolean alignment) throws Exception {
        Batch batch = data.getData(manager).iterator().next();
        try (batch;
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList predictions =
                    step.model()
                            .forward(
                                    new ParameterStore(batch.getManager(), false),
                                    batch.getData(),
                                    true);
            NDList labels = batch.getLabels();
            NDArray loss = new RegressionLoss().evaluate(labels, predictions);
            if (alignment) {
                loss =
                        loss.add(
                                new CrossModalMatchingLoss("match", 0.1f)
                                        .evaluate(labels, predictions));
                loss =
                        loss.add(
                                new CrossModalMarginLoss("margin", 0.1f, 0.2f)
                                        .evaluate(labels, predictions));
            }
            collector.backward(loss);
        }
        return step.optimizer().step(1.0);
    }
}
