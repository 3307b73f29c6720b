package io.tributary.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import io.tributary.bert.BertConfig;
import io.tributary.bert.WordPieceTokenizer;
import io.tributary.core.Devices;
import io.tributary.data.MultimodalDataset;
import io.tributary.data.MultimodalSplit;
import io.tributary.data.SyntheticData;
import io.tributary.inject.InjectionConfig;
import io.tributary.inject.InjectionModel;
import io.tributary.mmmie.MmmieConfig;
import io.tributary.mmmie.MmmieModel;
import io.tributary.nn.ModelInputs;
import io.tributary.nn.ModelKind;
import io.tributary.nn.MultimodalModel;
import io.tributary.train.TrainConfig;
import io.tributary.train.TrainingStep;
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
 * One training step of each model family, as the trainer takes it ({@link TrainingStep}: forward,
 * the family's objective, backward, AdamW with clipping at the default settings) on a MOSI-shaped
 * batch: text length 50, 50 word-aligned frames of 74 acoustic and 47 visual features. The families
 * are the gated injection model (L1 + L_match + L_margin), MAG-BERT and MMMIE (VIB and InfoNCE
 * critics) at their defaults; the baseline is the same step of text-only BERT, so each difference
 * is what a family adds to BERT. Each method builds only its own model.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Dai.djl.offline=true")
@State(Scope.Benchmark)
public class TrainStepBenchmark {

    private static final int LENGTH = 50;

    @Param({"tiny", "base"})
    String size;

    @Param({"1", "8", "32"})
    int batch;

    /** PyTorch intra-op threads, as the {@code threads} setting sets them. */
    @Param({"2"})
    int threads;

    private NDManager manager;
    private MultimodalDataset data;
    private BertConfig bert;

    @Setup(Level.Trial)
    public void setUp() {
        Engine.getInstance().setRandomSeed(1111);
        BenchShapes.threads(threads);
        List<String> vocabulary = WordPieceTokenizer.bundledVocabulary();
        bert = BenchShapes.bert(size).withVocabSize(vocabulary.size());
        MultimodalSplit split =
                SyntheticData.builder()
                        .optTrain(batch)
                        .optTextLength(LENGTH)
                        .optAudioDim(BenchShapes.AUDIO_DIM)
                        .optVisionDim(BenchShapes.VISION_DIM)
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
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    /** A model of one family, initialised, and its step; built only for the methods that use it. */
    public abstract static class Family {

        private TrainingStep step;

        abstract MultimodalModel model(BertConfig bert, ModelInputs inputs);

        @Setup(Level.Trial)
        public void setUp(TrainStepBenchmark bench) {
            ModelInputs inputs =
                    new ModelInputs(0, BenchShapes.AUDIO_DIM, BenchShapes.VISION_DIM, 0);
            MultimodalModel model = model(bench.bert, inputs);
            int frames = BenchShapes.FRAMES;
            model.initialize(bench.manager, LENGTH, frames, frames);
            step = TrainingStep.of(model, TrainConfig.defaults());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            step.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Injection extends Family {
        @Override
        MultimodalModel model(BertConfig bert, ModelInputs inputs) {
            return new InjectionModel(InjectionConfig.defaults(), bert, inputs);
        }
    }

    @State(Scope.Benchmark)
    public static class Mag extends Family {
        @Override
        MultimodalModel model(BertConfig bert, ModelInputs inputs) {
            return injection(ModelKind.MAG, bert, inputs);
        }
    }

    @State(Scope.Benchmark)
    public static class Text extends Family {
        @Override
        MultimodalModel model(BertConfig bert, ModelInputs inputs) {
            return injection(ModelKind.TEXT, bert, inputs);
        }
    }

    @State(Scope.Benchmark)
    public static class Mmmie extends Family {
        @Override
        MultimodalModel model(BertConfig bert, ModelInputs inputs) {
            return new MmmieModel(MmmieConfig.defaults(), bert, inputs);
        }
    }

    private static MultimodalModel injection(ModelKind kind, BertConfig bert, ModelInputs inputs) {
        return new InjectionModel(InjectionConfig.builder().optModel(kind).build(), bert, inputs);
    }

    @Benchmark
    public float injectionStep(Injection family) throws Exception {
        return step(family);
    }

    @Benchmark
    public float magStep(Mag family) throws Exception {
        return step(family);
    }

    @Benchmark
    public float mmmieStep(Mmmie family) throws Exception {
        return step(family);
    }

    @Benchmark
    public float baselineTextOnlyStep(Text family) throws Exception {
        return step(family);
    }

    /** One step on the batch, whose sub-manager holds every array of the step until it closes. */
    private float step(Family family) throws Exception {
        try (Batch batch = data.getData(manager).iterator().next()) {
            return family.step.run(batch, 1.0).get("loss").getFloat();
        }
    }
}
