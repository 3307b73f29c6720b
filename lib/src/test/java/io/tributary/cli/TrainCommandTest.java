package io.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.train.SettingTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad settings exit 2 with one line naming the key before any data is read: {@code --data} names a
 * file that does not exist, so an error about anything else shows that the data was never opened.
 */
class TrainCommandTest {

    private static final String BERT =
            Path.of("..", "datasets", "bert-tiny").toAbsolutePath().normalize().toString();

    @TempDir Path dir;

    @Test
    void aNegativeGateLearningRateIsRefusedBeforeTheData() {
        assertRefused("--set gate_lr: expected a positive number, found -1.0", "gate_lr=-1");
    }

    @Test
    void zeroLearningRatesAndBatchSizesAreRefused() {
        assertRefused("--set lr_plm: expected a positive number, found 0.0", "lr_plm=0");
        assertRefused("--set lr_new: expected a positive number, found -0.001", "lr_new=-1e-3");
        assertRefused("--set batch_size: expected a positive number, found 0", "batch_size=0");
    }

    @Test
    void anUnknownChoiceListsTheChoices() {
        assertRefused(
                "--set gate: expected one of [similarity, learned, none], found gated",
                "gate=gated");
    }

    @Test
    void injectedLayersMustBeLayersOfTheGivenBertAndDistinct() {
        assertRefused(
                "--set injected_layers: expected indices 0 to 1 (the BERT's 2 layers), found 2",
                "injected_layers=0,2");
        assertRefused(
                "--set injected_layers: expected each layer once, found 1 twice",
                "injected_layers=1,0,1");
    }

    @Test
    void theModelIsChosenByModelAlone() {
        assertRefused(
                "--set model=text: contradicts --model injection; choose the model with --model",
                "model=text");
    }

    @Test
    void aSettingOfAnotherModelNamesTheModelsThatUseIt() {
        assertRefused(
                List.of("--model", "text"),
                "--set gate: not a setting of model text; used by injection",
                "gate=learned");
        assertRefused(
                List.of("--model", "mmmie"),
                "--set beta_shift: not a setting of model mmmie; used by mag",
                "beta_shift=2");
        assertRefused(
                List.of("--model", "mag"),
                "--set critic: not a setting of model mag; used by mmmie",
                "critic=bilinear");
    }

    @Test
    void modalitiesMustIncludeTextAndNameKnownStreamsOnce() {
        assertRefused(
                "--set modalities: expected text and any of acoustic, visual, comma-separated,"
                        + " each once, found text,acoustic,acoustic",
                "modalities=text,acoustic,acoustic");
        assertRefused(
                List.of("--model", "mmmie"),
                "--set modalities: expected text and any of acoustic, visual, comma-separated,"
                        + " each once, found visual (no text)",
                "modalities=visual");
        assertRefused(
                List.of("--model", "text"),
                "--set modalities: not a setting of model text; used by injection, mag",
                "modalities=text,visual");
    }

    @Test
    void helpListsTheSettingsOfTheConfigRecords() {
        CommandRun run = CommandRun.of("train", "--help");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains(SettingTable.help()), run.out());
    }

    private void assertRefused(String message, String... sets) {
        assertRefused(List.of(), message, sets);
    }

    private void assertRefused(List<String> options, String message, String... sets) {
        Path missing = dir.resolve("no-such-corpus.pkl");
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "train",
                                "--data",
                                missing.toString(),
                                "--bert",
                                BERT,
                                "--out",
                                dir.resolve("run").toString()));
        args.addAll(options);
        for (String set : sets) {
            args.add("--set");
            args.add(set);
        }
        CommandRun run = CommandRun.of(args.toArray(String[]::new));
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("error: " + message, run.err().strip(), String.join(" ", sets));
        assertFalse(Files.exists(dir.resolve("run")), "the run's folder was created");
    }
}
