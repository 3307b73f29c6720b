package io.tributary.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.bert.BertConfig;
import io.tributary.core.AtomicFiles;
import io.tributary.core.CodeVersion;
import io.tributary.core.InputException;
import io.tributary.core.Json;
import io.tributary.nn.ModelConfig;
import io.tributary.nn.ModelInputs;
import io.tributary.nn.MultimodalModel;
import io.tributary.tensors.BlockParameters;
import io.tributary.tensors.SafetensorsFile;
import io.tributary.tensors.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A trained model as a folder a user can carry: {@code model.safetensors} (every parameter, named
 * as {@link BlockParameters} names it) and {@code config.json} (the family, the resolved model,
 * BERT, input and training configs, and the code version). Written atomically; loading refuses a
 * folder of an unknown family or with missing, extra, mis-shaped or non-finite weights, naming what
 * differs.
 */
public final class SavedModel {

    static final String CONFIG = "config.json";
    static final String WEIGHTS = "model.safetensors";

    /** What {@code config.json} holds. */
    public record Manifest(
            String family,
            JsonObject model,
            JsonObject bert,
            ModelInputs inputs,
            TrainConfig train,
            String codeVersion) {}

    private SavedModel() {}

    public static void save(
            MultimodalModel model,
            BertConfig bert,
            ModelInputs inputs,
            TrainConfig train,
            Path dir) {
        Manifest manifest =
                new Manifest(
                        model.config().family(),
                        Json.gson().toJsonTree(model.config()).getAsJsonObject(),
                        bert.toJson(),
                        inputs,
                        train,
                        CodeVersion.get());
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        BlockParameters.named(model).forEach((name, p) -> tensors.put(name, p.getArray()));
        AtomicFiles.writeFolder(
                dir,
                folder -> {
                    Files.writeString(
                            folder.resolve(CONFIG), Json.pretty().toJson(manifest) + "\n");
                    SafetensorsWriter.write(
                            folder.resolve(WEIGHTS), tensors, Map.of("format", "pt"));
                });
    }

    /** The manifest of the saved model in {@code dir}. */
    public static Manifest manifest(Path dir) {
        Path file = dir.resolve(CONFIG);
        if (!Files.isRegularFile(file)) {
            throw new InputException(dir + ": expected a saved model folder with " + CONFIG);
        }
        JsonObject json;
        try {
            json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw new InputException(file + ": expected a JSON object: " + e.getMessage(), e);
        }
        String family = json.has("family") ? json.get("family").getAsString() : "(none)";
        try {
            Families.configType(family);
            return Json.gson().fromJson(json, Manifest.class);
        } catch (RuntimeException e) {
            throw new InputException(file + ": " + e.getMessage(), e);
        }
    }

    /** The saved model's config, as its family's record. */
    public static ModelConfig modelConfig(Manifest manifest, Path dir) {
        try {
            return Json.gson().fromJson(manifest.model(), Families.configType(manifest.family()));
        } catch (RuntimeException e) {
            throw new InputException(dir.resolve(CONFIG) + ": model: " + e.getMessage(), e);
        }
    }

    /** Rebuilds the model saved in {@code dir}, its arrays on {@code manager}. */
    public static MultimodalModel load(Path dir, NDManager manager) {
        Manifest manifest = manifest(dir);
        BertConfig bert = BertConfig.fromJson(manifest.bert(), dir.resolve(CONFIG));
        ModelConfig config = modelConfig(manifest, dir);
        MultimodalModel model = Families.build(config, bert, manifest.inputs());
        model.initialize(manager, 8, 8, 8);
        copyWeights(dir.resolve(WEIGHTS), model);
        return model;
    }

    /**
     * Sets every parameter of {@code model} to the weights of the same name in {@code file},
     * refusing missing, extra, mis-shaped or non-finite weights.
     */
    static void copyWeights(Path file, Block model) {
        SafetensorsFile weights = SafetensorsFile.open(file);
        BlockParameters.load(model, weights, UnaryOperator.identity());
        Set<String> unused = new LinkedHashSet<>(weights.keys());
        unused.removeAll(BlockParameters.named(model).keySet());
        if (!unused.isEmpty()) {
            throw new InputException(
                    weights.file()
                            + ": weights the model does not have: "
                            + String.join(", ", unused));
        }
    }
}
