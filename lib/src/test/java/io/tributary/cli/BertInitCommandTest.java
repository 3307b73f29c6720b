package io.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.bert.BertConfig;
import io.tributary.tensors.SafetensorsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./msa bert init}: the std of the random weights, and what it refuses. */
class BertInitCommandTest {

    @TempDir Path dir;

    @Test
    void theWeightsHaveTheAskedStdAndTheConfigSaysIt() {
        assertEquals(0.02, weightStd(dir.resolve("default")), 0.002);
        assertEquals(0.2, weightStd(dir.resolve("large"), "--init-std", "0.2"), 0.01);
        assertEquals(
                0.2f,
                BertConfig.fromJson(dir.resolve("large").resolve("config.json"))
                        .initializerRange());
    }

    @Test
    void aStdThatIsNotPositiveAndFiniteIsRefusedInOneLine() {
        for (String bad : new String[] {"0", "-0.1", "NaN", "Infinity"}) {
            Path out = dir.resolve("bad" + bad);
            CommandRun run =
                    CommandRun.of("bert", "init", "--out", out.toString(), "--init-std", bad);
            assertEquals(2, run.exitCode(), bad);
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().startsWith("error: --init-std: expected a positive"), run.err());
            assertFalse(Files.exists(out), bad);
        }
    }

    /** The std of every weight matrix of BERT's word embeddings and layers (biases aside). */
    private static double weightStd(Path out, String... options) {
        String[] args = new String[4 + options.length];
        System.arraycopy(new String[] {"bert", "init", "--out", out.toString()}, 0, args, 0, 4);
        System.arraycopy(options, 0, args, 4, options.length);
        CommandRun run = CommandRun.of(args);
        assertEquals(0, run.exitCode(), run.err());
        SafetensorsFile file = SafetensorsFile.open(out.resolve("model.safetensors"));
        double sum = 0;
        double squares = 0;
        long n = 0;
        for (String key : file.keys()) {
            if (!key.endsWith(".weight") || key.contains("LayerNorm")) {
                continue;
            }
            for (float w : file.floats(key)) {
                sum += w;
                squares += (double) w * w;
                n++;
            }
        }
        double mean = sum / n;
        return Math.sqrt(squares / n - mean * mean);
    }
}
