package io.tributary.data.pickle;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import io.tributary.TestResources;
import io.tributary.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random truncations and byte flips of the MMSA fixtures: every case must end in a correct read or
 * an {@link InputException}, never another exception, an out-of-memory error or a hang.
 */
class PickleFuzzTest {

    private static final int CASES = 300;
    private static final long SEED = 20240611L;

    @TempDir Path tmp;

    @Test
    void mutatedFixturesEndInAReadOrAnInputException() throws IOException {
        byte[][] originals = {
            Files.readAllBytes(TestResources.path("fixtures/mmsa/aligned_50.pkl")),
            Files.readAllBytes(TestResources.path("fixtures/mmsa/unaligned_50.pkl"))
        };
        Random random = new Random(SEED);
        Path file = tmp.resolve("case.pkl");
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(
                Duration.ofSeconds(40),
                () -> {
                    for (int i = 0; i < CASES; i++) {
                        byte[] original = originals[random.nextInt(originals.length)];
                        byte[] mutated = mutate(original, random);
                        Files.write(file, mutated);
                        try {
                            readEverything(file);
                            outcomes[0]++;
                        } catch (InputException e) {
                            outcomes[1]++;
                        } catch (RuntimeException | Error e) {
                            throw new AssertionError("case " + i + " (seed " + SEED + ")", e);
                        }
                    }
                });
        if (outcomes[1] == 0) {
            fail("no case was refused: the mutations do not reach the structure");
        }
    }

    /** A truncation, or 1 to 8 bytes set at random; half the flips land in the first 4 KiB. */
    private static byte[] mutate(byte[] original, Random random) {
        if (random.nextInt(3) == 0) {
            return Arrays.copyOf(original, random.nextInt(original.length));
        }
        byte[] out = original.clone();
        int flips = 1 + random.nextInt(8);
        for (int f = 0; f < flips; f++) {
            int at = random.nextBoolean() ? random.nextInt(4096) : random.nextInt(out.length);
            out[at] = (byte) random.nextInt(256);
        }
        return out;
    }

    private static void readEverything(Path file) {
        MmsaPickleReader reader = MmsaPickleReader.open(file);
        reader.summary();
        for (String split : reader.splitNames()) {
            reader.read(split);
            for (Object value : reader.keys(split).values()) {
                if (value instanceof NdArray array && array.dtype().isNumeric()) {
                    array.toFloatRows();
                } else if (value instanceof NdArray array) {
                    array.toStrings();
                }
            }
        }
    }
}
