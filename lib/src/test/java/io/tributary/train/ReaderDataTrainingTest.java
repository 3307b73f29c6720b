package io.tributary.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.tributary.TestResources;
import io.tributary.bert.BertCheckpoint;
import io.tributary.bert.BertConfig;
import io.tributary.bert.WordPieceTokenizer;
import io.tributary.core.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every model trains on every reader's data: MMSA (BERT ids of the real vocabulary, or raw text
 * tokenised again), MulT (GloVe vectors; IEMOCAP's emotions) and MAG-BERT (words), five epochs
 * each, in which the training loss must fall below the first epoch's: the data reached the model
 * and it learned from them.
 */
class ReaderDataTrainingTest {

    private static final List<String> SMALL =
            List.of(
                    "max_epochs=5",
                    "lr_plm=1e-3",
                    "batch_size=4",
                    "nonverbal_hidden=8",
                    "attention_dim=8",
                    "branch_ff=16");
    private static final List<String> SMALL_MMMIE =
            List.of(
                    "max_epochs=5",
                    "lr_plm=1e-3",
                    "batch_size=4",
                    "feature_dim=16",
                    "lstm_hidden=8");
    private static final List<String> SMALL_BASELINE =
            List.of("max_epochs=5", "lr_plm=1e-3", "batch_size=4");

    @TempDir static Path dir;

    /** A tiny BERT whose vocabulary is as large as bert-base-uncased's, for real token ids. */
    private static Path bertBaseVocabulary;

    private static Path bertSmallVocabulary;

    @BeforeAll
    static void writeBerts() {
        List<String> vocabulary = new ArrayList<>(WordPieceTokenizer.bundledVocabulary());
        bertSmallVocabulary = dir.resolve("bert-small-vocabulary");
        BertCheckpoint.writeRandom(BertConfig.tiny(), vocabulary, 1111, bertSmallVocabulary);
        while (vocabulary.size() < BertConfig.base().vocabSize()) {
            vocabulary.add("[unused" + vocabulary.size() + "]");
        }
        bertBaseVocabulary = dir.resolve("bert-base-vocabulary");
        BertCheckpoint.writeRandom(BertConfig.tiny(), vocabulary, 1111, bertBaseVocabulary);
    }

    @Test
    void mmsaIdsTrainEveryModel() {
        for (String model : List.of("injection", "text", "mag", "mmmie")) {
            RunResult result = train("fixtures/mmsa/aligned_50.pkl", model, bertBaseVocabulary);
            assertTrue(Double.isFinite(result.test().get("MAE")), model + ": " + result.test());
        }
    }

    @Test
    void mmsaRawTextIsTokenisedAgainOnRequest() {
        RunResult result =
                train(
                        "fixtures/mmsa/unaligned_50.pkl",
                        "injection",
                        bertSmallVocabulary,
                        "text_source=raw_text");
        assertEquals(TrainConfig.TextSource.RAW_TEXT, result.config().train().textSource());
        assertTrue(Double.isFinite(result.test().get("MAE")));
    }

    @Test
    void idsOfAnotherVocabularyAreRefusedNamingTheId() {
        Settings.Resolved settings = Settings.forModel("injection", 1111, SMALL);
        String data = TestResources.path("fixtures/mmsa/aligned_50.pkl").toString();
        TrainingData.Loaded loaded = TrainingData.load(data, bertBaseVocabulary, settings.train());
        BertConfig small = BertConfig.tiny().withVocabSize(20);
        InputException e =
                assertThrows(
                        InputException.class,
                        () -> TrainingData.checkFits(loaded.splits(), small, bertSmallVocabulary));
        assertTrue(e.getMessage().contains("token id 37"), e.getMessage());
        assertTrue(e.getMessage().contains("outside the BERT's vocabulary of 20"), e.getMessage());
    }

    @Test
    void multGloveAndIemocapEmotionsTrainBothFamilies() {
        for (String model : List.of("injection", "mmmie")) {
            RunResult result = train("pickle/corpora/mult_iemocap.pkl", model, bertSmallVocabulary);
            assertEquals("IEMOCAP", result.config().task());
            for (String metric : List.of("Neutral_acc", "Happy_F1", "Sad_acc", "Angry_F1")) {
                assertTrue(result.test().containsKey(metric), model + ": " + result.test());
            }
        }
    }

    @Test
    void magBertWordsTrainMagBert() {
        RunResult result = train("pickle/corpora/mag_mosi.pkl", "mag", bertSmallVocabulary);
        assertTrue(Double.isFinite(result.test().get("MAE")), result.test().toString());
    }

    @Test
    void magBertRefusesUnalignedData() {
        InputException e =
                assertThrows(
                        InputException.class,
                        () -> train("pickle/corpora/mult_mosi.pkl", "mag", bertSmallVocabulary));
        assertTrue(e.getMessage().contains("MAG-BERT needs word-aligned data"), e.getMessage());
    }

    private static RunResult train(String file, String model, Path bert, String... extra) {
        List<String> sets =
                new ArrayList<>(
                        switch (model) {
                            case "injection" -> SMALL;
                            case "mmmie" -> SMALL_MMMIE;
                            default -> SMALL_BASELINE;
                        });
        sets.addAll(List.of(extra));
        Settings.Resolved settings = Settings.forModel(model, 1111, sets);
        String data = TestResources.path(file).toString();
        TrainingData.Loaded loaded = TrainingData.load(data, bert, settings.train());
        Path out = dir.resolve(model + "-" + Path.of(file).getFileName() + "-" + System.nanoTime());
        RunResult result =
                ModelTrainer.train(
                        new TrainingRun(
                                settings.model(),
                                settings.train(),
                                bert,
                                loaded.splits(),
                                Task.of(loaded.splits().get("train")),
                                loaded.source(),
                                out,
                                null));
        assertLearned(out, model + " on " + file);
        return result;
    }

    /** A later epoch's training loss is below the first's. */
    private static void assertLearned(Path out, String run) {
        try {
            List<String> lines = Files.readAllLines(out.resolve(EpochLog.FILE));
            double first = trainLoss(lines.get(0));
            double lowest =
                    lines.subList(1, lines.size()).stream()
                            .mapToDouble(ReaderDataTrainingTest::trainLoss)
                            .min()
                            .orElseThrow();
            assertTrue(lowest < first, run + ": training loss " + first + " -> " + lowest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double trainLoss(String epoch) {
        return JsonParser.parseString(epoch)
                .getAsJsonObject()
                .getAsJsonObject("train")
                .get("loss")
                .getAsDouble();
    }
}
