package io.tributary.train;

import ai.djl.ndarray.NDArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.bert.BertConfig;
import io.tributary.core.AtomicFiles;
import io.tributary.core.InputException;
import io.tributary.core.Json;
import io.tributary.nn.ModelInputs;
import io.tributary.nn.MultimodalModel;
import io.tributary.tensors.SafetensorsFile;
import io.tributary.tensors.SafetensorsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A run's state after its last complete epoch, {@code OUT/checkpoint/}, from which {@code ./msa
 * train --resume} continues as if the run had never stopped:
 *
 * <ul>
 *   <li>{@code model/}: every parameter, in {@link SavedModel}'s format;
 *   <li>{@code optimizer.safetensors}: the moments of AdamW and of the objective's own optimizer;
 *   <li>{@code state.json}: the epochs done, both optimizers' step counts (the schedule's
 *       position), early stopping's state, and what the run is (config and data), which a resumed
 *       command must match.
 * </ul>
 *
 * Written atomically after every epoch and removed once {@code result.json} is written. Every epoch
 * draws its batch order and its random numbers from generators seeded by (seed, epoch), so the
 * resumed epochs are the ones an uninterrupted run would have trained.
 */
final class TrainingCheckpoint {

    static final String FOLDER = "checkpoint";
    private static final String MODEL = "model";
    private static final String OPTIMIZER = "optimizer.safetensors";
    private static final String STATE = "state.json";
    private static final String MAIN = "main.";
    private static final String AUXILIARY = "auxiliary.";

    /**
     * What {@code state.json} holds.
     *
     * @param run the run's config and data, as {@link #identity} gives them
     * @param epochs the epochs completed
     * @param bestEpoch the best epoch so far (0 for none)
     * @param bestValue its validation task loss (infinity for none)
     * @param steps the optimizer's step count
     * @param auxiliarySteps the objective's own optimizer's step count (0 without one)
     */
    record State(
            JsonObject run,
            int epochs,
            int bestEpoch,
            double bestValue,
            int steps,
            int auxiliarySteps) {}

    private TrainingCheckpoint() {}

    /**
     * What identifies a run for resuming: its resolved configs and its data, as {@code state.json}
     * reads them back (numbers as written, so that a float compares equal to itself).
     */
    static JsonObject identity(TrainingRun run, BertConfig bert) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("config", RunResult.Config.of(run, bert));
        identity.put("data", run.data());
        return JsonParser.parseString(Json.gson().toJson(identity)).getAsJsonObject();
    }

    /** Writes the state after the epoch {@code stopping} has just recorded. */
    static void write(
            Path out,
            JsonObject identity,
            MultimodalModel model,
            BertConfig bert,
            ModelInputs inputs,
            TrainConfig train,
            AdamW optimizer,
            Objective objective,
            EarlyStopping stopping) {
        Optional<AdamW> auxiliary = objective.auxiliaryOptimizer();
        Map<String, NDArray> moments = new LinkedHashMap<>(optimizer.moments(MAIN));
        auxiliary.ifPresent(a -> moments.putAll(a.moments(AUXILIARY)));
        State state =
                new State(
                        identity,
                        stopping.getEpoch(),
                        stopping.getBestEpoch(),
                        stopping.getBestValue(),
                        optimizer.getStepCount(),
                        auxiliary.map(AdamW::getStepCount).orElse(0));
        AtomicFiles.writeFolder(
                out.resolve(FOLDER),
                folder -> {
                    SavedModel.save(model, bert, inputs, train, folder.resolve(MODEL));
                    SafetensorsWriter.write(folder.resolve(OPTIMIZER), moments, Map.of());
                    Files.writeString(folder.resolve(STATE), Json.pretty().toJson(state) + "\n");
                });
    }

    /**
     * The state in {@code out}, if a run left one there; refused if it belongs to another run
     * ({@code identity} differs).
     */
    static Optional<State> read(Path out, JsonObject identity) {
        Path folder = out.resolve(FOLDER);
        AtomicFiles.recoverFolder(folder);
        Path file = folder.resolve(STATE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        State state = Json.read(file, State.class);
        if (!identity.equals(state.run())) {
            throw new InputException(
                    String.format(
                            "--resume: %s was left by another run (its config or data differ"
                                    + " from this command's); train without --resume to start"
                                    + " afresh",
                            folder));
        }
        return Optional.of(state);
    }

    /** Puts the parameters and both optimizers back as {@code state} recorded them. */
    static void restore(
            Path out, State state, MultimodalModel model, AdamW optimizer, Objective objective) {
        Path folder = out.resolve(FOLDER);
        SavedModel.copyWeights(folder.resolve(MODEL).resolve(SavedModel.WEIGHTS), model);
        SafetensorsFile moments = SafetensorsFile.open(folder.resolve(OPTIMIZER));
        optimizer.restore(moments, MAIN, state.steps());
        objective
                .auxiliaryOptimizer()
                .ifPresent(a -> a.restore(moments, AUXILIARY, state.auxiliarySteps()));
    }

    /** Removes the checkpoint of a finished run. */
    static void delete(Path out) {
        AtomicFiles.deleteFolder(out.resolve(FOLDER));
    }
}
