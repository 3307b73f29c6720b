package io.tributary.mmmie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** DESIGN.md section 3's defaults, and errors that name the setting, the rule and the value. */
class MmmieConfigTest {

    @Test
    void defaultsAreTheDesignsDefaults() {
        MmmieConfig config = MmmieConfig.defaults();
        assertEquals(128, config.featureDim());
        assertEquals(64, config.lstmHidden());
        assertEquals("vector", config.tokens());
        assertEquals(true, config.identityEmbedding());
        assertEquals("projected-cosine", config.critic());
        assertEquals(0.1f, config.temperature());
        assertEquals("vib", config.minimizer());
        assertEquals(true, config.miMaximization());
        assertEquals(0.1f, config.alpha());
        assertEquals(1e-3f, config.beta());
        assertEquals(2, config.fusionLayers());
        assertEquals(4, config.fusionHeads());
        assertEquals(0.1f, config.dropout());
        assertEquals(1e-3f, config.clubLearningRate());
        assertEquals("l1", config.taskLoss());
        assertEquals(0.1f, config.maxWeight());
        assertEquals(1e-3f, config.minWeight());
    }

    @Test
    void switchingATermOffZeroesItsWeight() {
        MmmieConfig noMax = copy(MmmieConfig.defaults(), "mi_maximization", false);
        assertEquals(0f, noMax.maxWeight());
        assertEquals(1e-3f, noMax.minWeight());
        MmmieConfig noMin = copy(MmmieConfig.defaults(), "minimizer", "none");
        assertEquals(0.1f, noMin.maxWeight());
        assertEquals(0f, noMin.minWeight());
    }

    @Test
    void badSettingsAreNamedWithWhatWasExpectedAndFound() {
        assertMessage(
                "minimizer: expected one of [vib, club, none], found x",
                c -> copy(c, "minimizer", "x"));
        assertMessage(
                "tokens: expected one of [vector, sequence], found frames",
                c -> copy(c, "tokens", "frames"));
        assertMessage(
                "critic: expected one of [projected-cosine, bilinear], found cosine",
                c -> copy(c, "critic", "cosine"));
        assertMessage(
                "task_loss: expected one of [l1, mse], found huber",
                c -> copy(c, "task_loss", "huber"));
        assertMessage(
                "feature_dim: expected a multiple of fusion_heads 4, found 130",
                c -> copy(c, "feature_dim", 130));
        assertMessage(
                "lstm_hidden: expected a positive number, found 0", c -> copy(c, "lstm_hidden", 0));
        assertMessage(
                "temperature: expected a positive number, found 0.0",
                c -> copy(c, "temperature", 0f));
        assertMessage("beta: expected 0 or more, found -1.0", c -> copy(c, "beta", -1f));
        assertMessage(
                "dropout: expected a number in [0, 1), found 1.0", c -> copy(c, "dropout", 1f));
        assertMessage(
                "club_learning_rate: expected a positive number, found 0.0",
                c -> copy(c, "club_lr", 0f));
    }

    private static void assertMessage(String message, UnaryOperator<MmmieConfig> change) {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> change.apply(MmmieConfig.defaults()));
        assertEquals(message, e.getMessage());
    }

    /** The config with one setting, named as in the error messages, replaced. */
    private static MmmieConfig copy(MmmieConfig c, String setting, Object value) {
        return new MmmieConfig(
                setting.equals("feature_dim") ? (Integer) value : c.featureDim(),
                setting.equals("lstm_hidden") ? (Integer) value : c.lstmHidden(),
                setting.equals("tokens") ? (String) value : c.tokens(),
                c.identityEmbedding(),
                setting.equals("critic") ? (String) value : c.critic(),
                setting.equals("temperature") ? (Float) value : c.temperature(),
                setting.equals("minimizer") ? (String) value : c.minimizer(),
                setting.equals("mi_maximization") ? (Boolean) value : c.miMaximization(),
                c.alpha(),
                setting.equals("beta") ? (Float) value : c.beta(),
                c.fusionLayers(),
                c.fusionHeads(),
                setting.equals("dropout") ? (Float) value : c.dropout(),
                setting.equals("club_lr") ? (Float) value : c.clubLearningRate(),
                setting.equals("task_loss") ? (String) value : c.taskLoss());
    }
}
