package io.tributary.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tributary.train.EarlyStopping.Decision;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    @Test
    void stopsPatienceEpochsAfterTheBest() {
        EarlyStopping stopping = new EarlyStopping(3);
        assertEquals(new Decision(true, false), stopping.update(1.0));
        assertEquals(new Decision(true, false), stopping.update(0.8));
        assertEquals(new Decision(false, false), stopping.update(0.9));
        assertEquals(new Decision(false, false), stopping.update(0.8));
        assertEquals(new Decision(false, true), stopping.update(0.85));
        assertEquals(2, stopping.getBestEpoch());
        assertEquals(0.8, stopping.getBestValue());
        assertEquals(5, stopping.getEpoch());
    }

    @Test
    void aNewBestResetsThePatience() {
        EarlyStopping stopping = new EarlyStopping(2);
        stopping.update(1.0);
        stopping.update(1.5);
        assertEquals(new Decision(true, false), stopping.update(0.5));
        assertEquals(new Decision(false, false), stopping.update(0.6));
        assertEquals(new Decision(false, true), stopping.update(0.7));
    }

    @Test
    void improvementsBelowTheMinimumDeltaDoNotCount() {
        EarlyStopping stopping = new EarlyStopping(8);
        stopping.update(0.5);
        assertEquals(false, stopping.update(0.5 - 5e-7).best());
        assertEquals(true, stopping.update(0.5 - 2e-6).best());
    }

    @Test
    void defaultPatienceIsEightAndNaNIsNeverBest() {
        EarlyStopping stopping = new EarlyStopping();
        assertEquals(false, stopping.update(Double.NaN).best());
        stopping.update(2.0);
        for (int i = 0; i < 7; i++) {
            assertEquals(new Decision(false, false), stopping.update(3.0));
        }
        assertEquals(new Decision(false, true), stopping.update(Double.NaN));
    }

    @Test
    void refusesPatienceBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(0));
    }
}
