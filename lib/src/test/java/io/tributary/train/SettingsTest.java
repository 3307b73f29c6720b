package io.tributary.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.bert.BertConfig;
import io.tributary.core.Choices;
import io.tributary.core.InputException;
import io.tributary.core.Json;
import io.tributary.inject.GateBlock;
import io.tributary.inject.InjectionConfig;
import io.tributary.mmmie.MmmieConfig;
import io.tributary.nn.Modalities;
import io.tributary.nn.ModelKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --set} parses by the records' types and refuses what the chosen model cannot take. */
class SettingsTest {

    @Test
    void trainingSettingsGoWithEveryModelAndAMootOneIsNoError() {
        for (ModelKind model : ModelKind.values()) {
            String name = Choices.name(model);
            Settings.Resolved resolved =
                    Settings.forModel(
                            name,
                            7,
                            List.of(
                                    "schedule=constant",
                                    "warmup=0.3",
                                    "gate_lr=0.5",
                                    "padding=batch"));
            assertEquals(model, resolved.model().model());
            assertEquals(TrainConfig.Schedule.CONSTANT, resolved.train().schedule());
            assertEquals(0.3f, resolved.train().warmup());
            assertEquals(0.5f, resolved.train().gateLr());
            assertEquals(TrainConfig.Padding.BATCH, resolved.train().padding());
            assertEquals(7, resolved.train().seed());
        }
    }

    @Test
    void valuesAreParsedByTheSettingsTypes() {
        Settings.Resolved resolved =
                Settings.forModel(
                        "injection",
                        1,
                        List.of(
                                "gate=learned",
                                "injected_layers=1, 0",
                                "lambda_match=0.5",
                                "model=injection"));
        InjectionConfig config = (InjectionConfig) resolved.model();
        assertEquals(GateBlock.Kind.LEARNED, config.gate());
        assertEquals(List.of(0, 1), config.injectedLayers());
        assertEquals(0.5f, config.lambdaMatch());
        MmmieConfig mmmie =
                (MmmieConfig)
                        Settings.forModel(
                                        "mmmie",
                                        1,
                                        List.of(
                                                "identity_embedding=false",
                                                "model=mmmie",
                                                "seed=1"))
                                .model();
        assertEquals(false, mmmie.identityEmbedding());
    }

    @Test
    void modalitiesAreStoredInTheCanonicalOrder() {
        InjectionConfig mag =
                (InjectionConfig)
                        Settings.forModel("mag", 1, List.of("modalities=visual, text")).model();
        assertEquals(Modalities.parse("text,visual"), mag.modalities());
        assertTrue(Json.gson().toJson(mag).contains("\"modalities\":\"text,visual\""));
        MmmieConfig mmmie =
                (MmmieConfig)
                        Settings.forModel("mmmie", 1, List.of("modalities=acoustic,text")).model();
        assertEquals("text,acoustic", mmmie.modalities().toString());
        assertEquals(
                Modalities.ALL,
                ((InjectionConfig) Settings.forModel("injection", 1, List.of()).model())
                        .modalities());
    }

    @Test
    void badModalitiesAreRefusedWithWhatWasExpected() {
        String expected =
                "--set modalities: expected text and any of acoustic, visual, comma-separated,"
                        + " each once, found ";
        assertRefused("injection", expected + "text,audio", "modalities=text,audio");
        assertRefused("mmmie", expected + "text,visual,visual", "modalities=text,visual,visual");
        assertRefused("mag", expected + "acoustic,visual (no text)", "modalities=acoustic,visual");
        assertRefused(
                "injection",
                "--set modalities: expected text and at least one of acoustic, visual for model"
                        + " injection (model text reads text alone), found text",
                "modalities=text");
        assertRefused(
                "text",
                "--set modalities: not a setting of model text; used by injection, mag",
                "modalities=text,acoustic");
    }

    @Test
    void badValuesAreNamedWithWhatWasExpected() {
        assertRefused(
                "injection", "--set batch_size: expected an integer, found 0.5", "batch_size=0.5");
        assertRefused("injection", "--set gate_lr: expected a number, found fast", "gate_lr=fast");
        assertRefused(
                "mmmie",
                "--set identity_embedding: expected true or false, found yes",
                "identity_embedding=yes");
        assertRefused(
                "injection",
                "--set injected_layers: expected comma-separated integers, found 0;1",
                "injected_layers=0;1");
        assertRefused(
                "injection",
                "--set injected_layers: expected indices 0 or more, found -1",
                "injected_layers=-1");
        assertRefused("injection", "--set gate: expected key=value", "gate");
        assertRefused(
                "mmmie",
                "--set critic: expected one of [projected-cosine, bilinear], found cosine",
                "critic=cosine");
        assertRefused(
                "text",
                "--set seed=3: contradicts --seed 1; choose the seed with --seed",
                "seed=3");
        assertRefused(
                "transformer",
                "--model: expected one of [injection, text, mag, mmmie], found transformer");
    }

    @Test
    void anUnknownKeyListsTheChosenModelsSettings() {
        InputException e =
                assertThrows(
                        InputException.class,
                        () -> Settings.forModel("text", 1, List.of("gates=1")));
        assertEquals(
                "--set gates: unknown setting; expected one of [batch_size, clip_norm, dropout,"
                        + " gate_lr, lr_new, lr_plm, max_epochs, padding, patience, schedule,"
                        + " task_loss, text_length, text_source, threads, warmup, weight_decay]",
                e.getMessage());
    }

    @Test
    void injectedLayersAreCheckedAgainstTheBert() {
        BertConfig bert = BertConfig.tiny();
        Settings.Resolved fits = Settings.forModel("injection", 1, List.of("injected_layers=1"));
        assertEquals(fits, fits.checkFits(bert));
        Settings.Resolved outside =
                Settings.forModel(
                        "injection", 1, List.of("injected_layers=0," + bert.numHiddenLayers()));
        InputException e = assertThrows(InputException.class, () -> outside.checkFits(bert));
        assertEquals(
                String.format(
                        "--set injected_layers: expected indices 0 to %d (the BERT's %d layers), found %d",
                        bert.numHiddenLayers() - 1, bert.numHiddenLayers(), bert.numHiddenLayers()),
                e.getMessage());
    }

    private static void assertRefused(String model, String message, String... sets) {
        InputException e =
                assertThrows(
                        InputException.class, () -> Settings.forModel(model, 1, List.of(sets)));
        assertEquals(message, e.getMessage());
    }
}
