package io.tributary.data.sdk;

import static io.tributary.data.sdk.SdkFixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.core.InputException;
import io.tributary.data.sdk.CsdFiles.Rows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SdkAlignerTest {

    @Test
    void segmentLevelAgreesWithExpectedSegments() throws IOException {
        Alignment alignment = fixtureAligner(SdkAligner.Level.SEGMENT).align();
        assertEquals(List.of("v00", "v01", "v02"), alignment.videos());
        assertEquals(List.of(), alignment.skippedVideos());
        assertEquals(0, alignment.zeroAcoustic());
        SdkFixtures.assertMatchesExpectedSegments(toJson(alignment.segments()));
    }

    @Test
    void wordLevelKeepsOneFramePerWord() throws IOException {
        Alignment alignment = fixtureAligner(SdkAligner.Level.WORD).align();
        JsonObject expected =
                JsonParser.parseString(Files.readString(fixture("expected_segments.json")))
                        .getAsJsonObject();
        assertEquals(expected.size(), alignment.segments().size());
        for (AlignedSegment segment : alignment.segments()) {
            JsonObject want = expected.getAsJsonObject(segment.id());
            assertEquals(want.getAsJsonArray("words").size(), segment.words().size());
            assertEquals(segment.words().size(), segment.acoustic().length, segment.id());
            assertEquals(segment.words().size(), segment.visual().length, segment.id());
            for (int w = 0; w < segment.words().size(); w++) {
                assertEquals(74, segment.acoustic()[w].length);
                assertEquals(47, segment.visual()[w].length);
            }
        }
    }

    /**
     * v00's first word, "film", spans [0.5027, 0.7342) s: COVAREP frames are [i/100, (i+1)/100), so
     * frames 50..73 overlap it; FACET frames are [i/30, (i+1)/30), so frames 15..22 do.
     */
    @Test
    void wordLevelAveragesTheFramesOverlappingTheWord() {
        AlignedSegment first = fixtureAligner(SdkAligner.Level.WORD).align().segments().get(0);
        assertEquals("v00[0]", first.id());
        assertEquals("film", first.words().get(0));
        assertArrayEquals(meanOfRows("covarep.csd", 50, 73), first.acoustic()[0], 1e-6f);
        assertArrayEquals(meanOfRows("facet.csd", 15, 22), first.visual()[0], 1e-6f);
    }

    private static float[] meanOfRows(String name, int first, int last) {
        try (CsdReader reader = CsdReader.open(fixture(name))) {
            float[][] frames = reader.features("v00").frames();
            float[] mean = new float[frames[0].length];
            for (int j = 0; j < mean.length; j++) {
                double sum = 0;
                for (int i = first; i <= last; i++) {
                    sum += frames[i][j];
                }
                mean[j] = (float) (sum / (last - first + 1));
            }
            return mean;
        }
    }

    @Test
    void skipsSilenceFillsEmptySpansWithZerosAndLeavesOutIncompleteVideos(@TempDir Path dir) {
        Alignment alignment = syntheticAligner(dir, SdkAligner.Level.SEGMENT).align();
        assertEquals(List.of("a"), alignment.videos());
        assertEquals(List.of("b"), alignment.skippedVideos());
        List<AlignedSegment> segments = alignment.segments();
        assertEquals(List.of("a[0]", "a[1]", "a[2]"), segments.stream().map(s -> s.id()).toList());
        assertEquals(List.of("hi", "there"), segments.get(0).words());
        assertEquals(List.of("there", "you"), segments.get(1).words());
        assertEquals(List.of(), segments.get(2).words());
        assertEquals(-1f, segments.get(1).label());
        assertArrayEquals(new float[] {0.5f, 5f}, segments.get(0).acoustic()[0]);
        assertArrayEquals(new float[] {1.5f}, segments.get(0).visual()[0]);
        assertArrayEquals(new float[] {2.5f, 25f}, segments.get(1).acoustic()[0]);
        assertArrayEquals(new float[] {5.5f}, segments.get(1).visual()[0]);
        assertArrayEquals(new float[] {0f, 0f}, segments.get(2).acoustic()[0]);
        assertArrayEquals(new float[] {0f}, segments.get(2).visual()[0]);
        assertEquals(1, alignment.zeroAcoustic());
        assertEquals(1, alignment.zeroVisual());
    }

    @Test
    void wordLevelAveragesOverEachWholeWord(@TempDir Path dir) {
        List<AlignedSegment> segments =
                syntheticAligner(dir, SdkAligner.Level.WORD).align().segments();
        AlignedSegment first = segments.get(0);
        assertArrayEquals(new float[] {0.5f, 5f}, first.acoustic()[0]);
        assertArrayEquals(new float[] {1.5f, 15f}, first.acoustic()[1]);
        assertArrayEquals(new float[] {1.5f}, first.visual()[0]);
        assertArrayEquals(new float[] {3.5f}, first.visual()[1]);
        assertEquals(0, segments.get(2).acoustic().length);
    }

    @Test
    void refusesWordsFileWithNumbers() {
        SdkAligner aligner =
                SdkAligner.builder()
                        .setWords(fixture("covarep.csd"))
                        .setAcoustic(fixture("covarep.csd"))
                        .setVisual(fixture("facet.csd"))
                        .setLabels(fixture("labels.csd"))
                        .build();
        InputException e = assertThrows(InputException.class, aligner::align);
        assertEquals(
                fixture("covarep.csd")
                        + ": /COVAREP/data/v00/features: expected one word string per interval,"
                        + " shape (n, 1), found float32 of shape (360, 74)",
                e.getMessage());
    }

    @Test
    void builderNamesWhatIsMissing() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SdkAligner.builder().setWords(fixture("words.csd")).build());
        assertEquals(
                "words, acoustic, visual and labels files are required, found words="
                        + fixture("words.csd")
                        + ", acoustic=null, visual=null, labels=null",
                e.getMessage());
    }

    @Test
    void levelParsesEitherCase() {
        assertEquals(SdkAligner.Level.WORD, SdkAligner.Level.of("Word"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SdkAligner.Level.of("frame"));
        assertEquals("expected segment or word, found 'frame'", e.getMessage());
    }

    private static SdkAligner fixtureAligner(SdkAligner.Level level) {
        return SdkAligner.builder()
                .setWords(fixture("words.csd"))
                .setAcoustic(fixture("covarep.csd"))
                .setVisual(fixture("facet.csd"))
                .setLabels(fixture("labels.csd"))
                .optLevel(level)
                .build();
    }

    /**
     * Video a: segments [0, 2), [2, 4), [10, 11); words sp [0, .5), hi [.5, 1.5), there [1.5, 2.5),
     * sp [2.5, 3), you [3, 4); acoustic frames [i, i+1) = (i, 10 i); visual frames [i/2, (i+1)/2) =
     * (i). Video b has labels, words and acoustic frames but no visual frames.
     */
    private static SdkAligner syntheticAligner(Path dir, SdkAligner.Level level) {
        double[][] oneSecond = {{0, 1}};
        Path labels =
                CsdFiles.write(
                        dir.resolve("labels.csd"),
                        "Opinion Segment Labels",
                        Map.of(
                                "a",
                                new Rows(
                                        new double[][] {{0, 2}, {2, 4}, {10, 11}},
                                        new double[][] {{1}, {-1}, {0.5}}),
                                "b",
                                new Rows(oneSecond, new double[][] {{2}})));
        Path words =
                CsdFiles.write(
                        dir.resolve("words.csd"),
                        "words",
                        Map.of(
                                "a",
                                new Rows(
                                        new double[][] {
                                            {0, 0.5}, {0.5, 1.5}, {1.5, 2.5}, {2.5, 3}, {3, 4}
                                        },
                                        new String[][] {
                                            {"sp"}, {"hi"}, {"there"}, {"sp"}, {"you"}
                                        }),
                                "b",
                                new Rows(oneSecond, new String[][] {{"bye"}})));
        List<double[]> acousticIntervals = new ArrayList<>();
        List<float[]> acousticFrames = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            acousticIntervals.add(new double[] {i, i + 1});
            acousticFrames.add(new float[] {i, 10 * i});
        }
        List<double[]> visualIntervals = new ArrayList<>();
        List<float[]> visualFrames = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            visualIntervals.add(new double[] {i / 2.0, (i + 1) / 2.0});
            visualFrames.add(new float[] {i});
        }
        Path acoustic =
                CsdFiles.write(
                        dir.resolve("acoustic.csd"),
                        "COVAREP",
                        Map.of(
                                "a",
                                new Rows(
                                        acousticIntervals.toArray(double[][]::new),
                                        acousticFrames.toArray(float[][]::new)),
                                "b",
                                new Rows(oneSecond, new float[][] {{1, 1}})));
        Path visual =
                CsdFiles.write(
                        dir.resolve("visual.csd"),
                        "FACET",
                        Map.of(
                                "a",
                                new Rows(
                                        visualIntervals.toArray(double[][]::new),
                                        visualFrames.toArray(float[][]::new))));
        return SdkAligner.builder()
                .setWords(words)
                .setAcoustic(acoustic)
                .setVisual(visual)
                .setLabels(labels)
                .optLevel(level)
                .build();
    }

    private static JsonObject toJson(List<AlignedSegment> segments) {
        JsonObject json = new JsonObject();
        for (AlignedSegment segment : segments) {
            JsonObject entry = new JsonObject();
            entry.addProperty("label", segment.label());
            JsonArray words = new JsonArray();
            segment.words().forEach(words::add);
            entry.add("words", words);
            entry.add("acoustic", frames(segment.acoustic()));
            entry.add("visual", frames(segment.visual()));
            json.add(segment.id(), entry);
        }
        return json;
    }

    private static JsonElement frames(float[][] rows) {
        JsonArray array = new JsonArray();
        for (float[] row : rows) {
            JsonArray frame = new JsonArray();
            for (float value : row) {
                frame.add(value);
            }
            array.add(frame);
        }
        return array;
    }
}
