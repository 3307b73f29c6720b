package io.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonParser;
import io.tributary.TestResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random truncations and byte flips of a BERT checkpoint folder: every {@code ./msa encode} of it
 * must end with exit 0 and one JSON object, or exit 2 and one line, never a stack trace.
 */
class CheckpointFuzzTest {

    private static final int CASES = 100;
    private static final long SEED = 20240612L;
    private static final List<String> FILES =
            List.of("model.safetensors", "model.safetensors", "config.json", "vocab.txt");

    @TempDir Path tmp;

    @Test
    void mutatedCheckpointsEndInExitZeroOrTwo() {
        Random random = new Random(SEED);
        Path model = tmp.resolve("model");
        int[] ran = {0};
        int[] nonFinite = {0};
        assertTimeoutPreemptively(
                Duration.ofSeconds(120),
                () -> {
                    for (int i = 0; i < CASES; i++) {
                        TestResources.copyFolder("fixtures/tiny-bert", model);
                        Path file = model.resolve(FILES.get(random.nextInt(FILES.size())));
                        Files.write(file, mutate(Files.readAllBytes(file), random));
                        CommandRun run =
                                CommandRun.of(
                                        "encode",
                                        "--model",
                                        model.toString(),
                                        "--max-length",
                                        "4",
                                        "--text",
                                        "a");
                        String what = "case " + i + " (seed " + SEED + ", " + file + ")";
                        if (run.exitCode() == 0) {
                            JsonParser.parseString(run.out()).getAsJsonObject();
                            ran[0]++;
                        } else if (run.exitCode() == 2) {
                            assertEquals(1, run.err().strip().lines().count(), what + run.err());
                            nonFinite[0] += run.err().contains(" infinite values") ? 1 : 0;
                        } else {
                            fail(what + " exited " + run.exitCode() + ":\n" + run.err());
                        }
                    }
                });
        assertTrue(ran[0] > 0, "no case ran: the mutations break every checkpoint");
        assertTrue(nonFinite[0] > 0, "no case made a weight non-finite");
    }

    /**
     * A truncation, or 1 to 8 bytes set to 0xFF (the top of a float's exponent) or at random: in
     * half the cases all within the first 4 KiB (a safetensors header), else anywhere.
     */
    private static byte[] mutate(byte[] original, Random random) {
        if (random.nextInt(3) == 0) {
            return Arrays.copyOf(original, random.nextInt(original.length));
        }
        byte[] out = original.clone();
        int within = random.nextBoolean() ? Math.min(4096, out.length) : out.length;
        int flips = 1 + random.nextInt(8);
        for (int f = 0; f < flips; f++) {
            out[random.nextInt(within)] =
                    random.nextBoolean() ? (byte) 0xFF : (byte) random.nextInt(256);
        }
        return out;
    }
}
