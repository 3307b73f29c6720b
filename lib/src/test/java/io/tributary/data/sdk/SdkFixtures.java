package io.tributary.data.sdk;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Paths of the test resources: the shared SDK fixtures and the generated broken files. */
public final class SdkFixtures {

    private SdkFixtures() {}

    /** A copy of {@code shared/fixtures/sdk/<name>}. */
    public static Path fixture(String name) {
        return resource("/fixtures/sdk/" + name);
    }

    /** A broken file written by {@code lib/src/test/python/make_bad_csd.py}. */
    public static Path bad(String name) {
        return resource("/io/tributary/data/sdk/bad/" + name);
    }

    private static Path resource(String name) {
        URL url = SdkFixtures.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
