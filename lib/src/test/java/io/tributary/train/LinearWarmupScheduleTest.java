package io.tributary.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LinearWarmupScheduleTest {

    @Test
    void risesOverTheWarmUpThenFallsToZero() {
        LinearWarmupSchedule schedule = LinearWarmupSchedule.builder().setTotalSteps(100).build();
        assertEquals(10, schedule.getWarmupSteps());
        assertEquals(0.0, schedule.multiplier(0));
        assertEquals(0.5, schedule.multiplier(5));
        assertEquals(0.9, schedule.multiplier(9));
        assertEquals(1.0, schedule.multiplier(10));
        assertEquals(0.5, schedule.multiplier(55));
        assertEquals(1.0 / 90, schedule.multiplier(99));
        assertEquals(0.0, schedule.multiplier(100));
        assertEquals(0.0, schedule.multiplier(150));
    }

    @Test
    void truncatesTheWarmUpLikePythonsInt() {
        LinearWarmupSchedule schedule =
                LinearWarmupSchedule.builder().setTotalSteps(37).optWarmupFraction(0.1).build();
        assertEquals(3, schedule.getWarmupSteps());
        assertEquals(2.0 / 3, schedule.multiplier(2));
        assertEquals(34.0 / 34, schedule.multiplier(3));
        assertEquals(20.0 / 34, schedule.multiplier(17));
    }

    @Test
    void withoutWarmUpStartsAtOne() {
        LinearWarmupSchedule schedule =
                LinearWarmupSchedule.builder().setTotalSteps(4).optWarmupFraction(0).build();
        assertEquals(1.0, schedule.multiplier(0));
        assertEquals(0.75, schedule.multiplier(1));
        assertEquals(0.25, schedule.multiplier(3));
    }

    @Test
    void refusesBadSettingsAndSteps() {
        assertThrows(
                IllegalArgumentException.class,
                () -> LinearWarmupSchedule.builder().setTotalSteps(0).build());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        LinearWarmupSchedule.builder()
                                .setTotalSteps(10)
                                .optWarmupFraction(1.5)
                                .build());
        LinearWarmupSchedule schedule = LinearWarmupSchedule.builder().setTotalSteps(10).build();
        assertThrows(IllegalArgumentException.class, () -> schedule.multiplier(-1));
    }
}
