package io.tributary.data.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlignmentJsonTest {

    @Test
    void writesSegmentsInOrderWithNonFiniteValuesAsPythonReadsThem(@TempDir Path dir)
            throws IOException {
        List<AlignedSegment> segments =
                List.of(
                        new AlignedSegment(
                                "v1[0]",
                                "v1",
                                0,
                                0.0,
                                1.5,
                                -2.25f,
                                List.of("so", "\"good\""),
                                new float[][] {{0.1f, Float.NEGATIVE_INFINITY}},
                                new float[][] {{Float.NaN}}),
                        new AlignedSegment(
                                "v0[3]",
                                "v0",
                                3,
                                1.5,
                                2.0,
                                1f,
                                List.of(),
                                new float[0][],
                                new float[0][]));
        Path out = dir.resolve("sub/aligned.json");
        AlignmentJson.write(out, segments);
        assertEquals(
                "{\"v1[0]\":{\"label\":-2.25,\"words\":[\"so\",\"\\\"good\\\"\"],"
                        + "\"acoustic\":[[0.1,-Infinity]],\"visual\":[[NaN]]},"
                        + "\"v0[3]\":{\"label\":1.0,\"words\":[],\"acoustic\":[],\"visual\":[]}}",
                Files.readString(out));
    }
}
