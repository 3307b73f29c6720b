package io.tributary.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import io.tributary.core.Devices;
import io.tributary.loss.ContrastiveLoss;
import io.tributary.loss.CrossModalMarginLoss;
import io.tributary.loss.CrossModalMatchingLoss;
import io.tributary.loss.RegressionLoss;
import io.tributary.mmmie.ClubEstimator;
import io.tributary.mmmie.MiCriticBlock;
import io.tributary.mmmie.MmmieConfig;
import io.tributary.mmmie.MmmieModel;
import io.tributary.mmmie.VibBlock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * Each representation loss, forward + backward, on one batch of random vectors: the alignment
 * losses of the injection model (L_match, L_margin, the contrastive loss) on z_l, z_a, z_v (B, d),
 * d the BERT width of {@code size}; MMMIE's L_max (the three pairs' projected-cosine critics and
 * their InfoNCE), and its minimisers of L_min on the three modalities: VIB (the heads from r_m to
 * u_m and the KL term) and CLUB (q's fit and backward, then the bound and backward, as a step does
 * them), at MMMIE's defaults (d' 128, LSTM width 2 x 64). The baseline is the L1 task loss on (B,
 * 1) predictions, what every step pays anyway.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dai.djl.offline=true")
@State(Scope.Benchmark)
public class LossBenchmark {

    @Param({"tiny", "base"})
    String size;

    @Param({"1", "8", "32"})
    int batch;

    /** PyTorch intra-op threads. */
    @Param({"2"})
    int threads;

    private static final List<String> MODALITIES = List.of("t", "a", "v");

    private NDManager manager;
    private NDList vectors;
    private NDArray labels;
    private NDList features;
    private NDList encodings;
    private NDList inputs;
    private List<MiCriticBlock> critics;
    private List<VibBlock> heads;
    private List<ClubEstimator> club;

    @Setup(Level.Trial)
    public void setUp() {
        Engine.getInstance().setRandomSeed(1111);
        BenchShapes.threads(threads);
        long d = BenchShapes.bert(size).hiddenSize();
        MmmieConfig mmmie = MmmieConfig.defaults();
        long units = mmmie.featureDim();
        long lstm = 2L * mmmie.lstmHidden();
        manager = NDManager.newBaseManager(Devices.preferred());
        vectors = new NDList();
        for (int i = 0; i < 4; i++) {
            vectors.add(BenchShapes.normal(manager, batch, i == 0 ? 1 : d));
        }
        labels = BenchShapes.normal(manager, batch, 1);
        features = new NDList();
        encodings = new NDList();
        inputs = new NDList();
        for (String m : MODALITIES) {
            features.add(BenchShapes.normal(manager, batch, units));
            encodings.add(BenchShapes.normal(manager, batch, m.equals("t") ? d : lstm));
            inputs.add(BenchShapes.normal(manager, batch, width(m, d)));
        }
        Shape u = new Shape(batch, units);
        critics =
                MmmieModel.PAIRS.stream()
                        .map(
                                pair -> {
                                    MiCriticBlock critic =
                                            MiCriticBlock.builder()
                                                    .setUnits(units)
                                                    .optKind(mmmie.critic())
                                                    .optTemperature(mmmie.temperature())
                                                    .build();
                                    critic.initialize(manager, DataType.FLOAT32, u, u);
                                    return critic;
                                })
                        .toList();
        heads = MODALITIES.stream().map(m -> VibBlock.builder().setUnits(units).build()).toList();
        club = MODALITIES.stream().map(m -> new ClubEstimator(units)).toList();
        for (int i = 0; i < MODALITIES.size(); i++) {
            heads.get(i).initialize(manager, DataType.FLOAT32, encodings.get(i).getShape());
            club.get(i).initialize(manager, DataType.FLOAT32, inputs.get(i).getShape());
        }
    }

    /** The width of modality m's CLUB input: d for text, the acoustic and visual feature sizes. */
    private static long width(String m, long d) {
        return switch (m) {
            case "t" -> d;
            case "a" -> BenchShapes.AUDIO_DIM;
            default -> BenchShapes.VISION_DIM;
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    @Benchmark
    public float matching() {
        return alignment(new CrossModalMatchingLoss());
    }

    @Benchmark
    public float margin() {
        return alignment(new CrossModalMarginLoss());
    }

    @Benchmark
    public float contrastive() {
        return alignment(new ContrastiveLoss());
    }

    @Benchmark
    public float baselineTaskL1() {
        return alignment(new RegressionLoss());
    }

    /** L_max: the critic of each pair of (u_t, u_a, u_v) and its InfoNCE, summed. */
    @Benchmark
    public float infoNceCritics() {
        return backward(
                features,
                u -> {
                    NDArray sum = null;
                    for (int k = 0; k < critics.size(); k++) {
                        String pair = MmmieModel.PAIRS.get(k);
                        NDArray x = u.get(MODALITIES.indexOf(pair.substring(0, 1)));
                        NDArray y = u.get(MODALITIES.indexOf(pair.substring(1)));
                        NDArray scores = critic(k, x, y); // (B, B)
                        NDArray nce = ContrastiveLoss.infoNce(scores); // ()
                        sum = sum == null ? nce : sum.add(nce);
                    }
                    return sum;
                });
    }

    /** VIB: u_m sampled from r_m by each modality's heads, and the KL terms summed. */
    @Benchmark
    public float vib() {
        return backward(
                encodings,
                r -> {
                    NDArray sum = null;
                    for (int i = 0; i < heads.size(); i++) {
                        NDList out =
                                heads.get(i)
                                        .forward(
                                                new ParameterStore(r.head().getManager(), false),
                                                new NDList(r.get(i)),
                                                true);
                        NDArray kl =
                                out.get(1).add(out.get(0).mean()); // (): KL, and u in the graph
                        sum = sum == null ? kl : sum.add(kl);
                    }
                    return sum;
                });
    }

    /** CLUB: q's fit on detached (x_m, u_m) and its backward, then the bound and its backward. */
    @Benchmark
    public float club() {
        try (NDManager step = manager.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList x = BenchShapes.perCall(step, false, inputs.toArray(new NDArray[0]));
            NDList u = BenchShapes.perCall(step, true, features.toArray(new NDArray[0]));
            NDArray fit = null;
            for (int i = 0; i < club.size(); i++) {
                NDArray nll = club.get(i).fitLoss(x.get(i), u.get(i));
                fit = fit == null ? nll : fit.add(nll);
            }
            collector.backward(fit);
            NDArray bound = null;
            for (int i = 0; i < club.size(); i++) {
                NDArray term = club.get(i).bound(x.get(i), u.get(i));
                bound = bound == null ? term : bound.add(term);
            }
            collector.backward(bound);
            return u.head().getGradient().getFloat(0, 0);
        }
    }

    private NDArray critic(int k, NDArray x, NDArray y) {
        return critics.get(k)
                .forward(new ParameterStore(x.getManager(), false), new NDList(x, y), true)
                .head();
    }

    /** An alignment loss (or the task loss) on [ŷ, z_l, z_a, z_v], forward and backward. */
    private float alignment(Loss loss) {
        return backward(
                vectors,
                predictions -> {
                    NDManager step = predictions.head().getManager();
                    return loss.evaluate(BenchShapes.perCall(step, false, labels), predictions);
                });
    }

    /** {@code loss} of per-call copies of {@code arrays} that get gradients, back-propagated. */
    private float backward(NDList arrays, Function<NDList, NDArray> loss) {
        try (NDManager step = manager.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList copies = BenchShapes.perCall(step, true, arrays.toArray(new NDArray[0]));
            NDArray value = loss.apply(copies);
            if (!value.hasGradient()) {
                return value.getFloat(); // the constant 0 of a representation loss at batch 1
            }
            collector.backward(value);
            return copies.head().getGradient().getFloat(0, 0);
        }
    }
}
