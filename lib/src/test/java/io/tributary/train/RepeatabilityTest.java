package io.tributary.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.tributary.bert.BertCheckpoint;
import io.tributary.bert.BertConfig;
import io.tributary.bert.WordPieceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CPU run repeats exactly for a seed (and a thread count); another seed gives another run. */
class RepeatabilityTest {

    @TempDir Path dir;

    @Test
    void theSameSeedRepeatsEveryEpochExactly() throws IOException {
        Path bert = dir.resolve("bert");
        BertCheckpoint.writeRandom(
                BertConfig.tiny(), WordPieceTokenizer.bundledVocabulary(), 1111, bert);
        RunResult first = train(bert, 7, "first");
        RunResult second = train(bert, 7, "second");
        RunResult other = train(bert, 8, "other");
        assertEquals(first.test(), second.test());
        assertEquals(first.valid(), second.valid());
        assertEquals(losses("first"), losses("second"));
        assertNotEquals(losses("first"), losses("other"));
    }

    private RunResult train(Path bert, long seed, String name) {
        Settings.Resolved settings =
                Settings.forModel(
                        "injection",
                        seed,
                        List.of("max_epochs=3", "nonverbal_hidden=16", "attention_dim=16"));
        TrainingData.Loaded data = TrainingData.load("synthetic", bert, settings.train());
        return ModelTrainer.train(
                new TrainingRun(
                        settings.model(),
                        settings.train(),
                        bert,
                        data.splits(),
                        Task.MOSI,
                        data.source(),
                        dir.resolve(name)));
    }

    /** Every epoch's training losses, as written. */
    private List<String> losses(String name) throws IOException {
        return Files.readAllLines(dir.resolve(name).resolve("epochs.jsonl")).stream()
                .map(line -> line.substring(0, line.indexOf("\"step_ms\"")))
                .toList();
    }
}
