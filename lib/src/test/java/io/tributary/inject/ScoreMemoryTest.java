package io.tributary.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tributary.core.InputException;
import org.junit.jupiter.api.Test;

class ScoreMemoryTest {

    @Test
    void unalignedMosiSequenceKeysNeedAboutSevenTenthsOfAGigabytePerLayer() {
        ScoreMemory memory = new ScoreMemory(1, 32, 50, 875, 128);
        assertEquals(32L * 50 * 875 * 128 * 4, memory.bytes());
        assertEquals(716_800_000L, memory.bytes());
        assertEquals(12 * 716_800_000L, new ScoreMemory(12, 32, 50, 875, 128).bytes());
    }

    @Test
    void aRunThatFitsPasses() {
        new ScoreMemory(12, 32, 50, 2, 128).check(1_000_000_000L);
        new ScoreMemory(1, 32, 50, 875, 128).check(716_800_000L);
    }

    @Test
    void aRunThatDoesNotFitIsRefusedWithTheSettingsThatWould() {
        InputException e =
                assertThrows(
                        InputException.class,
                        () -> new ScoreMemory(12, 32, 50, 875, 128).check(4_000_000_000L));
        assertEquals(
                "attention scores need 8.60 GB (12 injected layer(s) x B 32 x T 50 x J 875 x"
                        + " d_att 128 x 4 bytes) but 4.00 GB was given; settings that fit:"
                        + " batch_size <= 14, or attention_dim <= 59, or at most 5 injected"
                        + " layer(s), or compress = \"last\" (J = 2)",
                e.getMessage());
    }

    @Test
    void saysSoWhenNoSingleChangeFits() {
        InputException e =
                assertThrows(
                        InputException.class,
                        () -> new ScoreMemory(1, 32, 50, 875, 128).check(1000));
        assertEquals(
                "attention scores need 0.72 GB (1 injected layer(s) x B 32 x T 50 x J 875 x"
                        + " d_att 128 x 4 bytes) but 0.00 GB was given; settings that fit: none by"
                        + " one change alone",
                e.getMessage());
    }

    @Test
    void refusesImpossibleSizes() {
        assertThrows(IllegalArgumentException.class, () -> new ScoreMemory(1, 0, 50, 2, 128));
        assertThrows(
                IllegalArgumentException.class, () -> new ScoreMemory(1, 32, 50, 2, 128).check(-1));
    }
}
