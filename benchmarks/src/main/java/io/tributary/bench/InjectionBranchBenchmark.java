package io.tributary.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.tributary.bert.BertConfig;
import io.tributary.bert.BertLayer;
import io.tributary.bert.BertModel;
import io.tributary.core.Devices;
import io.tributary.inject.InjectionBranchBlock;
import io.tributary.inject.MagBlock;
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
 * The parallel cross-modal additive attention branch (attention, FFN, gate; {@link
 * InjectionBranchBlock} at its defaults: d_att 128, d_ff = d, similarity gate) on token states H
 * (B, T, d) and the nonverbal memory M (B, J, d) the model gives it, J = 2 keys (z_a, z_v), forward
 * in eval mode and forward + backward in training mode (gradients into the parameters, H and M).
 * Baselines beside it: a plain BERT layer of the same width ({@link BertLayer}) on H, and the MAG
 * gate ({@link MagBlock}) on H with word-aligned acoustic and visual features, each the same two
 * ways. The branch's time over the BERT layer's is its cost to set against its share of the layer's
 * FLOPs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Dai.djl.offline=true")
@State(Scope.Benchmark)
public class InjectionBranchBenchmark {

    /** The keys of the injection model's memory: one vector per nonverbal stream. */
    private static final int KEYS = 2;

    @Param({"tiny", "base"})
    String size;

    @Param({"1", "8", "32"})
    int batch;

    @Param({"50"})
    int length;

    /** PyTorch intra-op threads. */
    @Param({"2"})
    int threads;

    private NDManager manager;
    private InjectionBranchBlock branch;
    private BertLayer layer;
    private MagBlock mag;
    private NDArray h;
    private NDArray memory;
    private NDArray keys;
    private NDArray mask;
    private NDArray audio;
    private NDArray vision;

    @Setup(Level.Trial)
    public void setUp() {
        Engine.getInstance().setRandomSeed(1111);
        BenchShapes.threads(threads);
        BertConfig bert = BenchShapes.bert(size);
        long d = bert.hiddenSize();
        manager = NDManager.newBaseManager(Devices.preferred());
        h = BenchShapes.normal(manager, batch, length, d);
        memory = BenchShapes.normal(manager, batch, KEYS, d);
        keys = manager.ones(new Shape(batch, KEYS), DataType.FLOAT32);
        mask = BertModel.extendedMask(manager.ones(new Shape(batch, length), DataType.INT64));
        audio = BenchShapes.normal(manager, batch, length, BenchShapes.AUDIO_DIM);
        vision = BenchShapes.normal(manager, batch, length, BenchShapes.VISION_DIM);
        branch = InjectionBranchBlock.builder().setHiddenSize(d).build();
        branch.initialize(
                manager, DataType.FLOAT32, h.getShape(), memory.getShape(), keys.getShape());
        layer = new BertLayer(bert);
        layer.initialize(manager, DataType.FLOAT32, h.getShape(), mask.getShape());
        mag = MagBlock.builder().setHiddenSize(d).build();
        mag.initialize(
                manager, DataType.FLOAT32, h.getShape(), vision.getShape(), audio.getShape());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    @Benchmark
    public float branchForward() {
        return forward(branch, h, memory, keys);
    }

    @Benchmark
    public float branchForwardBackward() {
        return forwardBackward(branch, h, memory, keys);
    }

    @Benchmark
    public float baselineBertLayerForward() {
        return forward(layer, h, mask);
    }

    @Benchmark
    public float baselineBertLayerForwardBackward() {
        return forwardBackward(layer, h, mask);
    }

    @Benchmark
    public float baselineMagForward() {
        return forward(mag, h, vision, audio);
    }

    @Benchmark
    public float baselineMagForwardBackward() {
        return forwardBackward(mag, h, vision, audio);
    }

    /** Eval mode, no gradients; inputs: the states that learn, then the rest. */
    private float forward(Block block, NDArray states, NDArray... rest) {
        try (NDManager step = manager.newSubManager()) {
            NDList in = inputs(step, false, states, rest);
            NDList out = block.forward(new ParameterStore(step, false), in, false);
            return out.head().getFloat(0, 0, 0);
        }
    }

    /** Training mode; the sum of the first output back-propagated to parameters and inputs. */
    private float forwardBackward(Block block, NDArray states, NDArray... rest) {
        try (NDManager step = manager.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList in = inputs(step, true, states, rest);
            NDArray out = block.forward(new ParameterStore(step, false), in, true).head();
            collector.backward(out.sum());
            return in.head().getGradient().getFloat(0, 0, 0);
        }
    }

    /** H and, for the branch, M get gradients; masks and MAG's raw features do not. */
    private NDList inputs(NDManager step, boolean training, NDArray states, NDArray... rest) {
        NDList in = BenchShapes.perCall(step, training, states);
        for (NDArray array : rest) {
            boolean learns = training && array == memory;
            in.addAll(BenchShapes.perCall(step, learns, array));
        }
        return in;
    }
}
