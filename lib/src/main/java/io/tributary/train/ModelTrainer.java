package io.tributary.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.TranslateException;
import com.google.gson.JsonObject;
import io.tributary.bert.BertCheckpoint;
import io.tributary.bert.BertConfig;
import io.tributary.core.AtomicFiles;
import io.tributary.core.CodeVersion;
import io.tributary.core.Devices;
import io.tributary.core.InputException;
import io.tributary.core.ProcessMemory;
import io.tributary.data.MultimodalDataset;
import io.tributary.data.MultimodalSplit;
import io.tributary.inject.InjectionConfig;
import io.tributary.inject.ScoreMemory;
import io.tributary.nn.ModelConfig;
import io.tributary.nn.ModelInputs;
import io.tributary.nn.ModelKind;
import io.tributary.nn.MultimodalModel;
import io.tributary.tensors.BlockParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a model of any family (its {@link Objective} says what it minimises) by DESIGN.md section
 * 4, top to bottom:
 *
 * <ol>
 *   <li>seed everything, fix the intra-op threads, clear the run folder of an earlier run (or,
 *       resuming, take up its {@link TrainingCheckpoint}), build the model and load BERT's weights;
 *   <li>each epoch: AdamW steps over batches shuffled, and random numbers drawn, from seeds of
 *       (seed, epoch), then L_task and the metrics on the validation split; one JSONL record and a
 *       checkpoint per epoch;
 *   <li>keep the checkpoint of the lowest validation L_task, stop after {@code patience} epochs
 *       without a better one;
 *   <li>reload the kept checkpoint from disk, evaluate the test split once (never in a
 *       selection-only run, which has no test split), write {@code result.json}; a run in which no
 *       epoch had a finite validation loss keeps nothing and ends in a {@link
 *       RunDivergedException}.
 * </ol>
 *
 * Each batch lives in its own sub-manager, closed after its step, so memory and step time stay flat
 * over epochs; the epoch records carry both.
 */
public final class ModelTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(ModelTrainer.class);

    /** Parameters an objective steps with its own optimizer (MMMIE's CLUB estimators). */
    static final String AUXILIARY_PREFIX = "club.";

    private ModelTrainer() {}

    /** Trains {@code run} from the start, in a folder cleared of any earlier run. */
    public static RunResult train(TrainingRun run) {
        return train(run, false);
    }

    /**
     * Trains {@code run}; with {@code resume}, continues from the checkpoint of its last complete
     * epoch when its folder holds one (or returns the finished run's result), else starts afresh.
     */
    public static RunResult train(TrainingRun run, boolean resume) {
        try (RunFolder.Lock lock = RunFolder.lock(run.out())) {
            return trainLocked(run, resume);
        }
    }

    private static RunResult trainLocked(TrainingRun run, boolean resume) {
        long started = System.nanoTime();
        TrainConfig config = run.train();
        Engine.getInstance().setRandomSeed((int) config.seed());
        applyThreads(config);
        MultimodalSplit train = run.split("train");
        BertConfig bert = BertCheckpoint.config(run.bert());
        TrainingData.checkFits(run.splits(), bert, run.bert());
        ModelInputs inputs = inputsOf(train, run.model());
        checkScoreMemory(run, train, bert);
        JsonObject identity = TrainingCheckpoint.identity(run, bert);
        Optional<TrainingCheckpoint.State> resumed =
                resume ? TrainingCheckpoint.read(run.out(), identity) : Optional.empty();
        if (resume && resumed.isEmpty() && Files.isRegularFile(run.out().resolve(RunResult.FILE))) {
            LOG.info("{} holds a finished run: nothing to resume", run.out());
            return RunResult.read(run.out());
        }
        if (resumed.isEmpty()) {
            RunFolder.prepareFresh(run.out());
        }
        Path modelDir = run.out().resolve("model");
        AtomicFiles.recoverFolder(modelDir);
        EpochLog log =
                resumed.isPresent()
                        ? EpochLog.resume(run.out().resolve(EpochLog.FILE), resumed.get().epochs())
                        : EpochLog.create(run.out().resolve(EpochLog.FILE));
        try (NDManager manager = NDManager.newBaseManager(Devices.preferred())) {
            MultimodalModel model = build(run, bert, inputs, train, manager);
            Objective objective = Families.objective(model);
            int stepsPerEpoch = (train.size() + config.batchSize() - 1) / config.batchSize();
            IntToDoubleFunction schedule = schedule(config, stepsPerEpoch * config.maxEpochs());
            EarlyStopping stopping =
                    resumed.map(
                                    state ->
                                            EarlyStopping.restored(
                                                    config.patience(),
                                                    state.epochs(),
                                                    state.bestEpoch(),
                                                    state.bestValue()))
                            .orElseGet(() -> new EarlyStopping(config.patience()));
            try (AdamW optimizer = optimizer(model, config)) {
                if (resumed.isPresent()) {
                    TrainingCheckpoint.restore(
                            run.out(), resumed.get(), model, optimizer, objective);
                    LOG.info(
                            "{}: resuming after epoch {} of {}",
                            run.out(),
                            stopping.getEpoch(),
                            config.maxEpochs());
                }
                boolean stop = stopping.stopped();
                for (int epoch = stopping.getEpoch() + 1;
                        !stop && epoch <= config.maxEpochs();
                        epoch++) {
                    long epochStart = System.nanoTime();
                    EpochTraining training =
                            trainEpoch(
                                    model,
                                    objective,
                                    optimizer,
                                    schedule,
                                    train,
                                    run,
                                    epoch,
                                    stepsPerEpoch,
                                    manager);
                    double seconds = (System.nanoTime() - epochStart) / 1e9;
                    Evaluation valid =
                            Evaluation.run(
                                    model,
                                    objective,
                                    run.split("valid"),
                                    run.task(),
                                    config,
                                    manager);
                    EarlyStopping.Decision decision = stopping.update(valid.taskLoss());
                    boolean best = decision.best();
                    if (best) {
                        SavedModel.save(model, bert, inputs, config, modelDir);
                    }
                    log.append(
                            epochRecord(
                                    epoch,
                                    training,
                                    valid,
                                    best,
                                    seconds,
                                    stepsPerEpoch,
                                    manager.getManagedArrays().size()));
                    TrainingCheckpoint.write(
                            run.out(), identity, model, bert, inputs, config, optimizer, objective,
                            stopping);
                    stop = decision.stop();
                }
            } finally {
                objective.close();
            }
            if (stopping.getBestEpoch() == 0) {
                TrainingCheckpoint.delete(run.out());
                throw new RunDivergedException(
                        String.format(
                                "the run diverged: none of its %d epochs had a finite validation"
                                        + " loss (see %s); no result written",
                                stopping.getEpoch(), log.getFile()));
            }
            MultimodalModel kept = SavedModel.load(modelDir, manager);
            Objective keptObjective = Families.objective(kept);
            Evaluation valid =
                    Evaluation.run(
                            kept, keptObjective, run.split("valid"), run.task(), config, manager);
            Optional<Evaluation> test =
                    run.selectionOnly()
                            ? Optional.empty()
                            : Optional.of(
                                    Evaluation.run(
                                            kept,
                                            keptObjective,
                                            run.split("test"),
                                            run.task(),
                                            config,
                                            manager));
            keptObjective.close();
            Map<String, Double> validMetrics = new LinkedHashMap<>(valid.metrics());
            validMetrics.put("task_loss", valid.taskLoss());
            RunResult result =
                    new RunResult(
                            run.rowName(),
                            RunResult.Config.of(run, bert),
                            run.data(),
                            config.seed(),
                            CodeVersion.get(),
                            Devices.preferred().toString(),
                            !Devices.preferred().isGpu(),
                            (System.nanoTime() - started) / 1e9,
                            stopping.getEpoch(),
                            stopping.getBestEpoch(),
                            validMetrics,
                            test.map(Evaluation::metrics).orElse(Map.of()),
                            test.map(Evaluation::gates).orElse(Map.of()),
                            test.map(Evaluation::meanGate).orElse(Double.NaN),
                            test.map(Evaluation::attention).orElse(Map.of()),
                            run.selectionOnly(),
                            TrainingData.splitReads());
            result.write(run.out());
            TrainingCheckpoint.delete(run.out());
            return result;
        }
    }

    /**
     * The seed of an epoch's random draws (dropout, VIB's noise): a function of the run's seed and
     * the epoch alone, so that an epoch resumed in a new process draws what it would have drawn.
     */
    static int epochSeed(long seed, int epoch) {
        return (int) (seed * 1_000 + epoch);
    }

    /**
     * One epoch of training: the mean of each loss term over its steps, {@code step_ms} and {@code
     * skipped_steps}, and which steps were skipped for a non-finite gradient.
     */
    private record EpochTraining(Map<String, Double> means, List<SkippedStep> skipped) {}

    /**
     * A step skipped because its gradient norm was not finite: the run's step number (from 1) and
     * the first parameter, in the optimizer's order, whose gradient was not finite.
     */
    private record SkippedStep(int step, String parameter) {}

    private static EpochTraining trainEpoch(
            MultimodalModel model,
            Objective objective,
            AdamW optimizer,
            IntToDoubleFunction schedule,
            MultimodalSplit train,
            TrainingRun run,
            int epoch,
            int stepsPerEpoch,
            NDManager manager) {
        TrainConfig config = run.train();
        Engine.getInstance().setRandomSeed(epochSeed(config.seed(), epoch));
        MultimodalDataset dataset = TrainingData.dataset(train, config, true);
        SeededBatchSampler order =
                new SeededBatchSampler(config.batchSize(), config.seed() * 1_000 + epoch);
        ProgressBar progress = ProgressBar.start(epoch, config.maxEpochs(), stepsPerEpoch);
        Map<String, Double> sums = new LinkedHashMap<>();
        int steps = 0;
        List<SkippedStep> skipped = new ArrayList<>();
        long stepNanos = 0;
        try {
            for (Batch batch : dataset.getData(manager, order)) {
                long stepStart = System.nanoTime();
                try (batch) {
                    TrainingStep.backward(model, objective, batch)
                            .forEach(
                                    (name, value) ->
                                            sums.merge(
                                                    name, (double) value.getFloat(), Double::sum));
                    double norm = optimizer.step(schedule.applyAsDouble(optimizer.getStepCount()));
                    if (!Double.isFinite(norm)) {
                        skipped.add(
                                new SkippedStep(
                                        (epoch - 1) * stepsPerEpoch + steps + 1,
                                        optimizer.nonFiniteParameter()));
                    }
                }
                steps++;
                stepNanos += System.nanoTime() - stepStart;
                progress.update(steps, sums.get("loss") / steps);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TranslateException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Double> means = new LinkedHashMap<>();
        int count = steps;
        sums.forEach((name, sum) -> means.put(name, sum / count));
        means.put("step_ms", stepNanos / 1e6 / count);
        means.put("skipped_steps", (double) skipped.size());
        return new EpochTraining(means, skipped);
    }

    /**
     * One line of {@code epochs.jsonl}. {@code live_arrays} counts the arrays the run's manager
     * holds (parameters, optimizer state and anything leaked by a step): flat from the second epoch
     * on, with {@code rss_mb} and {@code train.step_ms}.
     */
    private static Map<String, Object> epochRecord(
            int epoch,
            EpochTraining training,
            Evaluation valid,
            boolean best,
            double seconds,
            int steps,
            int liveArrays) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("epoch", epoch);
        record.put("train", training.means());
        record.put("skipped", training.skipped());
        record.put("valid_task_loss", valid.taskLoss());
        record.put("valid", valid.metrics());
        record.putAll(valid.diagnostics());
        if (!valid.gates().isEmpty()) {
            record.put("valid_mean_gate", valid.meanGate());
            record.put("valid_attention", valid.attention());
        }
        record.put("best", best);
        record.put("seconds", seconds);
        record.put("steps", steps);
        record.put("rss_mb", ProcessMemory.residentMegabytes());
        record.put("live_arrays", liveArrays);
        return record;
    }

    private static MultimodalModel build(
            TrainingRun run,
            BertConfig bert,
            ModelInputs inputs,
            MultimodalSplit train,
            NDManager manager) {
        MultimodalModel model = Families.build(run.model(), bert, inputs);
        model.initialize(manager, textLength(train), train.audio().steps(), train.vision().steps());
        BertCheckpoint.copyInto(model, run.bert(), "bert.");
        return model;
    }

    /**
     * Fixes PyTorch's intra-op threads at the config's count, for training and for every later
     * evaluation of the run: a CPU run repeats exactly only at one thread count.
     */
    static void applyThreads(TrainConfig config) {
        JniUtils.setNumThreads(config.threads());
    }

    /** The learning-rate multiplier of each step: warm-up and linear decay, or constant. */
    private static IntToDoubleFunction schedule(TrainConfig config, int totalSteps) {
        if (config.schedule() == TrainConfig.Schedule.CONSTANT) {
            return step -> 1.0;
        }
        LinearWarmupSchedule schedule =
                LinearWarmupSchedule.builder()
                        .setTotalSteps(totalSteps)
                        .optWarmupFraction(config.warmup())
                        .build();
        return schedule::multiplier;
    }

    /**
     * The learning-rate groups of the model's parameters, except those an objective steps itself
     * (named {@code club.*}: MMMIE's CLUB estimators); the gate group is the model's gates'.
     */
    static ParameterGroups parameterGroups(MultimodalModel model, TrainConfig config) {
        Map<String, Parameter> trained = new LinkedHashMap<>(BlockParameters.named(model));
        trained.keySet().removeIf(name -> name.startsWith(AUXILIARY_PREFIX));
        return ParameterGroups.builder()
                .setParameters(trained)
                .optGateParameters(model.gateParameters())
                .optPlmLearningRate(config.lrPlm())
                .optNewLearningRate(config.lrNew())
                .optGateLearningRate(config.gateLr())
                .build();
    }

    /** AdamW over {@link #parameterGroups}. */
    static AdamW optimizer(MultimodalModel model, TrainConfig config) {
        return AdamW.builder()
                .setParameterGroups(parameterGroups(model, config))
                .optWeightDecay(config.weightDecay())
                .optMaxGradNorm(config.clipNorm())
                .build();
    }

    /** What the data gives the model; MAG-BERT refuses data that is not word-aligned. */
    static ModelInputs inputsOf(MultimodalSplit split, ModelConfig model) {
        boolean vectors = !split.hasTokenIds();
        if (model.model() == ModelKind.MAG
                && (vectors
                        || split.audio().steps() != textLength(split)
                        || split.vision().steps() != textLength(split))) {
            throw new InputException(
                    String.format(
                            "model mag: MAG-BERT needs word-aligned data (one acoustic and visual frame per"
                                    + " token), found %d text positions, %d audio and %d visual frames",
                            textLength(split), split.audio().steps(), split.vision().steps()));
        }
        int emotions =
                split.labelKind() == MultimodalSplit.LabelKind.EMOTION_CLASSES
                        ? split.labelWidth()
                        : 0;
        return new ModelInputs(
                vectors ? split.textEmbeddings().dim() : 0,
                split.audio().dim(),
                split.vision().dim(),
                emotions);
    }

    private static int textLength(MultimodalSplit split) {
        return split.hasTokenIds() ? split.tokens().length() : split.textEmbeddings().steps();
    }

    /**
     * DESIGN.md section 1: a run whose attention scores would not fit is refused before it starts.
     */
    private static void checkScoreMemory(TrainingRun run, MultimodalSplit train, BertConfig bert) {
        if (!(run.model() instanceof InjectionConfig model)
                || model.model() != ModelKind.INJECTION) {
            return;
        }
        long keys = model.attentionKeys(train.audio().steps(), train.vision().steps());
        int layers = model.injectedLayers(bert.numHiddenLayers()).size();
        new ScoreMemory(
                        layers,
                        run.train().batchSize(),
                        textLength(train),
                        keys,
                        model.attentionDim())
                .check(availableBytes());
    }

    private static long availableBytes() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean memory) {
            return memory.getTotalMemorySize() / 2;
        }
        return Runtime.getRuntime().maxMemory();
    }
}
