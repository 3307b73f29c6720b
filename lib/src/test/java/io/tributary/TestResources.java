package io.tributary;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

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
}
