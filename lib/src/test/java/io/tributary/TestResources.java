package io.tributary;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Test files on the test class path, as paths (the readers read files through channels). */
public final class TestResources {

    private TestResources() {}

    /** For example {@code path("fixtures/mmsa/aligned_50.pkl")}. */
    public static Path path(String resource) {
        URL url = TestResources.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("No test resource " + resource);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Copies the files (not the subfolders) of the resource folder {@code resource} into {@code
     * to}, replacing those already there; returns {@code to}.
     */
    public static Path copyFolder(String resource, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(path(resource))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(
                        file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }
}
