package io.tributary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tributary.core.Checksums;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reference fixtures in the test resources are the project's {@code shared/fixtures}, file for
 * file and byte for byte. Checked where that folder lies beside the repository (in the project's
 * own checkouts and CI); a user's clone carries only the copies.
 */
class FixtureCopiesTest {

    private static final Path SHARED = Path.of("..", "..", "shared", "fixtures");

    @Test
    void theCopiesAreTheSharedFixtures() throws IOException {
        assumeTrue(Files.isDirectory(SHARED), "no shared/fixtures beside the repository");
        assertEquals(checksums(SHARED), checksums(TestResources.path("fixtures")));
    }

    /** Every file under {@code root}, by its relative path, with its SHA-256. */
    private static Map<String, String> checksums(Path root) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                sums.put(root.relativize(file).toString(), Checksums.sha256(file));
            }
        }
        return sums;
    }
}
