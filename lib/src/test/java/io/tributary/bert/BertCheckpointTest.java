package io.tributary.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.tributary.TestResources;
import io.tributary.core.InputException;
import io.tributary.tensors.BlockParameters;
import io.tributary.tensors.RawSafetensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading checkpoints: key variants, unused keys, and every way a checkpoint can be broken. */
class BertCheckpointTest {

    private static final String POOLER = "bert.pooler.dense.weight";

    @TempDir Path dir;

    @Test
    void unusedHeadKeysAreReportedNotFatal() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BertModel model =
                    new BertModel(BertCheckpoint.config(TestResources.path("fixtures/tiny-bert")));
            model.initialize(manager, 8);
            Set<String> unused =
                    BertCheckpoint.copyInto(model, TestResources.path("fixtures/tiny-bert"), "");
            assertEquals(Set.of("cls.predictions.bias"), unused);
        }
    }

    @Test
    void keysWithoutPrefixAndLegacyGammaBetaLoadTheSameWeights() throws IOException {
        RawSafetensors renamed = new RawSafetensors();
        RawSafetensors.copyOf(fixtureWeights())
                .tensors()
                .forEach(
                        (key, tensor) ->
                                renamed.put(
                                        key.replaceFirst("^bert\\.", "")
                                                .replace("LayerNorm.weight", "LayerNorm.gamma")
                                                .replace("LayerNorm.bias", "LayerNorm.beta"),
                                        tensor));
        Path folder = checkpointWith(renamed);
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Parameter> expected =
                    BlockParameters.named(
                            BertCheckpoint.load(TestResources.path("fixtures/tiny-bert"), manager));
            Map<String, Parameter> actual =
                    BlockParameters.named(BertCheckpoint.load(folder, manager));
            assertEquals(expected.keySet(), actual.keySet());
            expected.forEach(
                    (name, p) ->
                            assertArrayEquals(
                                    p.getArray().toFloatArray(),
                                    actual.get(name).getArray().toFloatArray(),
                                    name));
        }
    }

    @Test
    void missingParameterIsNamedWithItsShape() throws IOException {
        Path folder =
                checkpointWith(
                        RawSafetensors.copyOf(fixtureWeights())
                                .remove("bert.encoder.layer.1.output.dense.weight"));
        String message = loadError(folder);
        assertTrue(message.contains("missing parameter 'encoder.layer.1.output.dense.weight'"));
        assertTrue(message.contains("[32, 37]"), message);
    }

    @Test
    void shapeMismatchNamesTheKeyAndBothShapes() throws IOException {
        RawSafetensors weights = RawSafetensors.copyOf(fixtureWeights());
        RawSafetensors.Tensor pooler = weights.get(POOLER);
        weights.put(
                POOLER,
                new RawSafetensors.Tensor(
                        "F32", new long[] {16, 64}, Arrays.copyOf(pooler.data(), 16 * 64 * 4)));
        String message = loadError(checkpointWith(weights));
        assertTrue(message.contains("key '" + POOLER + "' has shape [16, 64]"), message);
        assertTrue(message.contains("expects [32, 32]"), message);
    }

    @Test
    void truncatedWeightsAreAnErrorNotACrash() throws IOException {
        Path folder = checkpointWith(RawSafetensors.copyOf(fixtureWeights()));
        Path weights = folder.resolve(BertCheckpoint.WEIGHTS);
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(loadError(folder).contains("truncated"));
    }

    @Test
    void headerThatLiesAboutSizesNamesTheKey() throws IOException {
        Path folder = checkpointWith(RawSafetensors.copyOf(fixtureWeights()));
        RawSafetensors.copyOf(fixtureWeights()).write(folder.resolve(BertCheckpoint.WEIGHTS), 4);
        assertTrue(loadError(folder).contains("'bert.embeddings.word_embeddings.weight'"));
    }

    @Test
    void pytorchBinOnlyFolderSaysHowToConvert() throws IOException {
        Path folder = dir.resolve("bin-only");
        Files.createDirectories(folder);
        Files.copy(
                TestResources.path("fixtures/tiny-bert/config.json"),
                folder.resolve("config.json"));
        Files.write(folder.resolve("pytorch_model.bin"), new byte[] {1, 2, 3});
        String message = loadError(folder);
        assertTrue(message.contains("pytorch_model.bin"), message);
        assertTrue(message.contains("safe_serialization=True"), message);
    }

    @Test
    void savedRandomCheckpointReloadsToTheSameOutputs() {
        Path folder = dir.resolve("random");
        List<String> vocab = WordPieceTokenizer.bundledVocabulary();
        BertCheckpoint.writeRandom(BertConfig.tiny(), vocab, 7, folder);
        try (NDManager manager = NDManager.newBaseManager()) {
            BertModel loaded = BertCheckpoint.load(folder, manager);
            assertEquals(vocab.size(), loaded.config().vocabSize());
            BertTokenizer tokenizer = BertTokenizer.fromFolder(folder);
            NDList inputs =
                    BertTokenizer.toArrays(List.of(tokenizer.encode("a great movie", 12)), manager);
            NDList first = loaded.forward(new ParameterStore(manager, false), inputs, false);
            BertCheckpoint.writeRandom(BertConfig.tiny(), vocab, 7, folder);
            BertModel again = BertCheckpoint.load(folder, manager);
            NDList second = again.forward(new ParameterStore(manager, false), inputs, false);
            assertArrayEquals(first.get(1).toFloatArray(), second.get(1).toFloatArray());
        }
    }

    private Path checkpointWith(RawSafetensors weights) throws IOException {
        Path folder = Files.createTempDirectory(dir, "ckpt");
        for (String file : List.of("config.json", "vocab.txt")) {
            Files.copy(TestResources.path("fixtures/tiny-bert/" + file), folder.resolve(file));
        }
        weights.write(folder.resolve(BertCheckpoint.WEIGHTS));
        return folder;
    }

    private static String loadError(Path folder) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return assertThrows(InputException.class, () -> BertCheckpoint.load(folder, manager))
                    .getMessage();
        }
    }

    private static Path fixtureWeights() {
        return TestResources.path("fixtures/tiny-bert/model.safetensors");
    }
}
