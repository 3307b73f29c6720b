package io.tributary.data.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StandardFoldsTest {

    private static final List<AlignedSegment> SEGMENTS =
            List.of(segment("v00", 0), segment("v01", 0), segment("v00", 1), segment("v02", 0));

    @Test
    void splitsSegmentsByTheirVideosFold() {
        StandardFolds folds =
                new StandardFolds(List.of("v00"), List.of("v02", "v09"), List.of("v01"));
        StandardFolds.Split split = folds.split(SEGMENTS);
        assertEquals(List.of("v00[0]", "v00[1]"), ids(split.train()));
        assertEquals(List.of("v02[0]"), ids(split.valid()));
        assertEquals(List.of("v01[0]"), ids(split.test()));
        assertEquals(List.of(), split.unassignedVideos());
    }

    @Test
    void reportsVideosInNoFold() {
        StandardFolds folds = new StandardFolds(List.of("v01"), List.of(), List.of());
        StandardFolds.Split split = folds.split(SEGMENTS);
        assertEquals(List.of("v01[0]"), ids(split.train()));
        assertEquals(List.of("v00", "v02"), split.unassignedVideos());
    }

    @Test
    void refusesAVideoInTwoFolds() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new StandardFolds(List.of("v00"), List.of("v01"), List.of("v00")));
        assertEquals("video 'v00' expected in one fold, found in train and test", e.getMessage());
    }

    private static AlignedSegment segment(String video, int k) {
        return new AlignedSegment(
                video + "[" + k + "]",
                video,
                k,
                k,
                k + 1,
                0f,
                List.of(),
                new float[][] {{0f}},
                new float[][] {{0f}});
    }

    private static List<String> ids(List<AlignedSegment> segments) {
        return segments.stream().map(AlignedSegment::id).toList();
    }
}
