package io.tributary.data.sdk;

import static io.tributary.data.sdk.SdkFixtures.bad;
import static io.tributary.data.sdk.SdkFixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsdReaderTest {

    @Test
    void readsAcousticFrames() {
        try (CsdReader reader = CsdReader.open(fixture("covarep.csd"))) {
            assertEquals("COVAREP", reader.rootName());
            assertEquals(List.of("v00", "v01", "v02"), reader.videoIds());
            assertEquals("COVAREP", reader.metadata().get("root name"));
            FeatureSequence v00 = reader.features("v00");
            assertEquals(74, v00.dim());
            assertEquals(360, v00.frames().length);
            assertEquals(360, v00.intervals().size());
            assertEquals(0.50, v00.intervals().start(50), 1e-12);
            assertEquals(0.51, v00.intervals().end(50), 1e-12);
            assertEquals(74, v00.frames()[359].length);
        }
    }

    @Test
    void readsFloat64LabelsAsFloat() {
        try (CsdReader reader = CsdReader.open(fixture("labels.csd"))) {
            FeatureSequence v01 = reader.features("v01");
            assertEquals(1, v01.dim());
            assertEquals(-2.57f, v01.frames()[0][0]);
            assertEquals(0.42f, v01.frames()[1][0]);
        }
    }

    @Test
    void readsWordsStoredAsFixedLengthBytes() {
        try (CsdReader reader = CsdReader.open(fixture("words.csd"))) {
            WordSequence v00 = reader.words("v00");
            assertEquals(
                    List.of("film", "believ", "film", "and", "was", "very", "this", "to"),
                    v00.words());
            assertEquals(8, v00.intervals().size());
            assertEquals(0.7342152639088061, v00.intervals().end(0), 0.0);
        }
    }

    @Test
    void readsVideoWithoutFrames() {
        Path file = SdkFixtures.resource("/io/tributary/data/sdk/empty_video.csd");
        try (CsdReader reader = CsdReader.open(file)) {
            FeatureSequence v01 = reader.features("v01");
            assertEquals(0, v01.frames().length);
            assertEquals(0, v01.intervals().size());
            assertEquals(3, v01.dim());
            assertEquals(5, reader.features("v00").frames().length);
        }
    }

    @Test
    void refusesWordsFromNumericFeatures() {
        Path file = fixture("covarep.csd");
        try (CsdReader reader = CsdReader.open(file)) {
            InputException e = assertThrows(InputException.class, () -> reader.words("v00"));
            assertMessage(
                    e,
                    file + ": /COVAREP/data/v00/features: expected one word string per interval",
                    "found float32 of shape (360, 74)");
        }
    }

    @Test
    void refusesNumbersFromWords() {
        Path file = fixture("words.csd");
        try (CsdReader reader = CsdReader.open(file)) {
            InputException e = assertThrows(InputException.class, () -> reader.features("v01"));
            assertMessage(
                    e,
                    file + ": /words/data/v01/features: expected numeric features, found strings");
        }
    }

    @Test
    void refusesUnknownVideo() {
        Path file = fixture("facet.csd");
        try (CsdReader reader = CsdReader.open(file)) {
            InputException e = assertThrows(InputException.class, () -> reader.features("v99"));
            assertMessage(
                    e,
                    file + ": /FACET_4.2/data: expected video 'v99'",
                    "found none (3 videos, e.g. [v00, v01, v02])");
        }
    }

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                Arguments.of(
                        "missing_data_group.csd",
                        List.of("/COVAREP/data: expected a group, found nothing")),
                Arguments.of(
                        "missing_features.csd",
                        List.of("/COVAREP/data/v01/features: expected a dataset, found nothing")),
                Arguments.of(
                        "intervals_n3.csd",
                        List.of(
                                "/COVAREP/data/v00/intervals: expected intervals of shape (n, 2),"
                                        + " found shape (6, 3)")),
                Arguments.of(
                        "n_mismatch.csd",
                        List.of(
                                "/COVAREP/data/v00: expected as many feature rows as intervals,"
                                        + " found 6 intervals and 5 feature rows")),
                Arguments.of(
                        "features_1d.csd",
                        List.of(
                                "/COVAREP/data/v00/features: expected features of shape (n, d),"
                                        + " found shape (6,)")),
                Arguments.of(
                        "truncated.csd",
                        List.of(
                                ": /: expected 21056 bytes (the superblock's end of file),"
                                        + " found 12633 bytes: the file is truncated")),
                Arguments.of(
                        "huge_claim.csd",
                        List.of(
                                "/COVAREP/data/v00/intervals: expected data that fits in the"
                                        + " file's 12232 bytes, found a header claiming shape"
                                        + " (1000000000000, 2) of float64")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void refusesBrokenFileNamingFileAndPath(String name, List<String> parts) {
        Path file = bad(name);
        InputException e = assertThrows(InputException.class, () -> CsdReader.open(file));
        assertTrue(e.getMessage().startsWith(file + ": /"), e.getMessage());
        assertMessage(e, parts.toArray(String[]::new));
    }

    @Test
    void refusesBackwardsIntervalWhenReadingTheVideo() {
        Path file = bad("interval_backwards.csd");
        try (CsdReader reader = CsdReader.open(file)) {
            InputException e = assertThrows(InputException.class, () -> reader.features("v00"));
            assertMessage(
                    e,
                    file
                            + ": /COVAREP/data/v00/intervals: expected finite intervals with start"
                            + " <= end, found row 2 = [0.05, 0.01]");
        }
    }

    @Test
    void refusesMissingFile(@TempDir Path dir) {
        Path file = dir.resolve("absent.csd");
        InputException e = assertThrows(InputException.class, () -> CsdReader.open(file));
        assertEquals(file + ": expected a .csd (HDF5) file, found no such file", e.getMessage());
        InputException folder = assertThrows(InputException.class, () -> CsdReader.open(dir));
        assertEquals(dir + ": expected a .csd (HDF5) file, found a directory", folder.getMessage());
    }

    @Test
    void refusesFileThatIsNotHdf5(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("text.csd"), "intervals,features\n0,1\n");
        InputException e = assertThrows(InputException.class, () -> CsdReader.open(file));
        assertMessage(e, file + ": expected an HDF5 file, found ");
    }

    private static void assertMessage(InputException e, String... parts) {
        String message = e.getMessage();
        assertAll(
                Stream.concat(
                        Stream.of(() -> assertTrue(message.lines().count() == 1, message)),
                        Stream.of(parts)
                                .map(part -> () -> assertTrue(message.contains(part), message))));
    }
}
