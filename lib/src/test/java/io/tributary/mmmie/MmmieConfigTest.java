package io.tributary.mmmie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import io.tributary.core.Json;
import io.tributary.loss.RegressionLoss;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** DESIGN.md section 3's defaults, and errors that name the setting, the rule and the value. */
class MmmieConfigTest {

    @Test
    void defaultsAreTheDesignsDefaults() {
        MmmieConfig config = MmmieConfig.defaults();
        assertEquals(128, config.featureDim());
        assertEquals(64, config.lstmHidden());
        assertEquals(MmmieConfig.Tokens.VECTOR, config.tokens());
        assertEquals(true, config.identityEmbedding());
        assertEquals(MiCriticBlock.Kind.PROJECTED_COSINE, config.critic());
        assertEquals(0.1f, config.temperature());
        assertEquals(MmmieConfig.Minimizer.VIB, config.minimizer());
        assertEquals(true, config.miMaximization());
        assertEquals(0.1f, config.alpha());
        assertEquals(1e-3f, config.beta());
        assertEquals(2, config.fusionLayers());
        assertEquals(4, config.fusionHeads());
        assertEquals(0.1f, config.dropout());
        assertEquals(1e-3f, config.clubLearningRate());
        assertEquals(RegressionLoss.Kind.L1, config.taskLoss());
        assertEquals(0.1f, config.maxWeight());
        assertEquals(1e-3f, config.minWeight());
    }

    @Test
    void switchingATermOffZeroesItsWeight() {
        MmmieConfig noMax = MmmieConfig.builder().optMiMaximization(false).build();
        assertEquals(0f, noMax.maxWeight());
        assertEquals(1e-3f, noMax.minWeight());
        MmmieConfig noMin = MmmieConfig.builder().optMinimizer(MmmieConfig.Minimizer.NONE).build();
        assertEquals(0.1f, noMin.maxWeight());
        assertEquals(0f, noMin.minWeight());
    }

    @Test
    void badSettingsAreNamedWithWhatWasExpectedAndFound() {
        assertMessage(
                "feature_dim: expected a multiple of fusion_heads 4, found 130",
                b -> b.optFeatureDim(130));
        assertMessage("lstm_hidden: expected a positive number, found 0", b -> b.optLstmHidden(0));
        assertMessage(
                "temperature: expected a positive number, found 0.0", b -> b.optTemperature(0f));
        assertMessage("beta: expected 0 or more, found -1.0", b -> b.optBeta(-1f));
        assertMessage("dropout: expected a number in [0, 1), found 1.0", b -> b.optDropout(1f));
        assertMessage(
                "club_learning_rate: expected a positive number, found 0.0",
                b -> b.optClubLearningRate(0f));
        assertMessage(
                "minimizer: expected one of [vib, club, none], found nothing",
                b -> b.optMinimizer(null));
    }

    @Test
    void choicesReadAndWriteAsTheirNamesAndAnUnknownNameIsNamed() {
        JsonObject json = Json.gson().toJsonTree(MmmieConfig.defaults()).getAsJsonObject();
        assertEquals("projected-cosine", json.get("critic").getAsString());
        assertEquals("vib", json.get("minimizer").getAsString());
        assertEquals("vector", json.get("tokens").getAsString());
        assertEquals("l1", json.get("task_loss").getAsString());
        assertEquals(MmmieConfig.defaults(), Json.gson().fromJson(json, MmmieConfig.class));
        assertUnknown(json, "minimizer", "x", "[vib, club, none]");
        assertUnknown(json, "tokens", "frames", "[vector, sequence]");
        assertUnknown(json, "critic", "cosine", "[projected-cosine, bilinear]");
        assertUnknown(json, "task_loss", "huber", "[l1, mse]");
    }

    private static void assertUnknown(JsonObject json, String key, String value, String names) {
        JsonObject changed = json.deepCopy();
        changed.addProperty(key, value);
        JsonParseException e =
                assertThrows(
                        JsonParseException.class,
                        () -> Json.gson().fromJson(changed, MmmieConfig.class));
        assertEquals(key + ": expected one of " + names + ", found " + value, e.getMessage());
    }

    private static void assertMessage(String message, UnaryOperator<MmmieConfig.Builder> change) {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> change.apply(MmmieConfig.builder()).build());
        assertEquals(message, e.getMessage());
    }
}
