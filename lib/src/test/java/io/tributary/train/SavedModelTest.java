package io.tributary.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.tributary.bert.BertConfig;
import io.tributary.core.InputException;
import io.tributary.inject.InjectionConfig;
import io.tributary.inject.InjectionModel;
import io.tributary.mmmie.MmmieConfig;
import io.tributary.mmmie.MmmieModel;
import io.tributary.nn.Modalities;
import io.tributary.nn.ModelInputs;
import io.tributary.nn.MultimodalModel;
import io.tributary.tensors.BlockParameters;
import io.tributary.tensors.RawSafetensors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved model reloads to the same weights; a folder that does not fit is refused by name. */
class SavedModelTest {

    private static final BertConfig BERT = BertConfig.tiny().withVocabSize(64);
    private static final ModelInputs INPUTS = new ModelInputs(0, 5, 3, 0);

    @TempDir Path dir;

    @Test
    void theSameWeightsComeBack() {
        try (NDManager manager = NDManager.newBaseManager()) {
            InjectionModel model = model(manager);
            Path saved = dir.resolve("model");
            SavedModel.save(model, BERT, INPUTS, TrainConfig.defaults(), saved);
            Map<String, Parameter> after = BlockParameters.named(SavedModel.load(saved, manager));
            BlockParameters.named(model)
                    .forEach(
                            (name, p) ->
                                    assertArrayEquals(
                                            p.getArray().toFloatArray(),
                                            after.get(name).getArray().toFloatArray(),
                                            name));
        }
    }

    @Test
    void aModelThatLeavesAStreamOutReloadsWithoutIt() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<MultimodalModel> models =
                    List.of(
                            model(
                                    manager,
                                    InjectionConfig.builder()
                                            .optNonverbalHidden(8)
                                            .optAttentionDim(8)
                                            .optModalities(Modalities.parse("text,acoustic"))
                                            .build()),
                            new MmmieModel(
                                            MmmieConfig.builder()
                                                    .optFeatureDim(8)
                                                    .optLstmHidden(4)
                                                    .optModalities(Modalities.parse("text,visual"))
                                                    .build(),
                                            BERT,
                                            INPUTS)
                                    .initialize(manager, 6, 4, 4));
            for (MultimodalModel model : models) {
                Path saved = dir.resolve(model.config().family());
                SavedModel.save(model, BERT, INPUTS, TrainConfig.defaults(), saved);
                MultimodalModel loaded = SavedModel.load(saved, manager);
                assertEquals(model.config(), loaded.config());
                assertEquals(
                        BlockParameters.named(model).keySet(),
                        BlockParameters.named(loaded).keySet());
            }
        }
    }

    @Test
    void aConfigWrittenBeforeModalitiesReadsEveryStream() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path saved = save(manager);
            Path config = saved.resolve(SavedModel.CONFIG);
            String json = Files.readString(config);
            assertTrue(json.contains("\"modalities\": \"text,acoustic,visual\""), json);
            Files.writeString(
                    config, json.replaceAll(",\\s*\"modalities\": \"text,acoustic,visual\"", ""));
            assertFalse(Files.readString(config).contains("modalities"));
            InjectionConfig loaded = (InjectionConfig) SavedModel.load(saved, manager).config();
            assertEquals(Modalities.ALL, loaded.modalities());
        }
    }

    @Test
    void aConfigOfAnotherModelKindIsRefusedNamingTheWeights() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path saved = save(manager);
            Path config = saved.resolve(SavedModel.CONFIG);
            Files.writeString(
                    config,
                    Files.readString(config)
                            .replace("\"model\": \"injection\"", "\"model\": \"text\""));
            String message = loadError(saved, manager);
            assertTrue(message.contains("weights the model does not have"), message);
            assertTrue(message.contains("branch.0.gate.w"), message);
        }
    }

    @Test
    void missingAndMisShapedWeightsAreRefusedByName() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path saved = save(manager);
            Path weights = saved.resolve(SavedModel.WEIGHTS);
            RawSafetensors.copyOf(weights).remove("head.weight").write(weights);
            String missing = loadError(saved, manager);
            assertTrue(missing.contains("no tensor named 'head.weight'"), missing);

            saved = save(manager);
            weights = saved.resolve(SavedModel.WEIGHTS);
            RawSafetensors raw = RawSafetensors.copyOf(weights);
            RawSafetensors.Tensor head = raw.get("head.weight");
            raw.put(
                    "head.weight",
                    new RawSafetensors.Tensor(
                            "F32", new long[] {2, 16}, Arrays.copyOf(head.data(), 2 * 16 * 4)));
            raw.write(weights);
            String message = loadError(saved, manager);
            assertTrue(message.contains("'head.weight' has shape (2, 16)"), message);
            assertTrue(message.contains("expected (1, 32)"), message);
        }
    }

    @Test
    void nonFiniteWeightsAreRefusedByNameAndCount() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path saved = save(manager);
            Path weights = saved.resolve(SavedModel.WEIGHTS);
            RawSafetensors raw = RawSafetensors.copyOf(weights);
            ByteBuffer.wrap(raw.get("head.weight").data())
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putFloat(0, Float.POSITIVE_INFINITY)
                    .putFloat(8, Float.NaN);
            raw.write(weights);
            String message = loadError(saved, manager);
            assertTrue(
                    message.contains("tensor 'head.weight' holds 1 NaN and 1 infinite values"),
                    message);
        }
    }

    @Test
    void anUnknownFamilyIsRefused() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path saved = save(manager);
            Path config = saved.resolve(SavedModel.CONFIG);
            Files.writeString(
                    config,
                    Files.readString(config)
                            .replace("\"family\": \"injection\"", "\"family\": \"other\""));
            String message = loadError(saved, manager);
            assertTrue(message.contains("family: expected one of"), message);
            assertTrue(message.contains("found other"), message);
        }
    }

    private Path save(NDManager manager) {
        Path saved = dir.resolve("model-" + System.nanoTime());
        SavedModel.save(model(manager), BERT, INPUTS, TrainConfig.defaults(), saved);
        return saved;
    }

    private static InjectionModel model(NDManager manager) {
        return model(
                manager,
                InjectionConfig.builder().optNonverbalHidden(8).optAttentionDim(8).build());
    }

    private static InjectionModel model(NDManager manager, InjectionConfig config) {
        InjectionModel model = new InjectionModel(config, BERT, INPUTS);
        model.initialize(manager, 6, 4, 4);
        return model;
    }

    private static String loadError(Path saved, NDManager manager) {
        return assertThrows(InputException.class, () -> SavedModel.load(saved, manager))
                .getMessage();
    }
}
