package io.tributary.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.tributary.bert.BertConfig;
import io.tributary.bert.BertModel;
import io.tributary.core.Devices;
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
 * BERT forward (eval mode, no gradients) on one batch of random token ids, random weights. The
 * baseline runs the embeddings alone, to show what the encoder layers cost.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Dai.djl.offline=true")
@State(Scope.Benchmark)
public class BertForwardBenchmark {

    @Param({"base"})
    String size;

    @Param({"32"})
    int batch;

    @Param({"50"})
    int length;

    private NDManager manager;
    private BertModel model;
    private NDList inputs;

    @Setup(Level.Trial)
    public void setUp() {
        Engine.getInstance().setRandomSeed(1111);
        BertConfig config = size.equals("base") ? BertConfig.base() : BertConfig.tiny();
        manager = NDManager.newBaseManager(Devices.preferred());
        model = new BertModel(config).initialize(manager, length);
        Shape shape = new Shape(batch, length);
        NDArray ids = manager.randomInteger(0, config.vocabSize(), shape, DataType.INT64);
        inputs =
                new NDList(
                        ids,
                        manager.ones(shape, DataType.INT64),
                        manager.zeros(shape, DataType.INT64));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    @Benchmark
    public float forward() {
        try (NDManager step = manager.newSubManager()) {
            NDList out = model.forward(new ParameterStore(step, false), attach(step), false);
            return out.get(1).getFloat(0, 0);
        }
    }

    @Benchmark
    public float baselineEmbeddingsOnly() {
        try (NDManager step = manager.newSubManager()) {
            NDList in = attach(step);
            NDList out =
                    model.embeddings()
                            .forward(
                                    new ParameterStore(step, false),
                                    new NDList(in.get(0), in.get(2)),
                                    false);
            return out.head().getFloat(0, 0, 0);
        }
    }

    /** Outputs of a forward live on the inputs' manager: a per-call copy keeps them per call. */
    private NDList attach(NDManager step) {
        NDList copy = new NDList();
        for (NDArray array : inputs) {
            copy.add(array.duplicate());
        }
        copy.attach(step);
        return copy;
    }
}
