package io.tributary;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The reference fixtures, copied byte for byte from the project's shared fixtures. */
public final class Fixtures {

    private Fixtures() {}

    /** The path of {@code fixtures/<relative>} among the test resources. */
    public static Path path(String relative) {
        URL url = Fixtures.class.getResource("/fixtures/" + relative);
        if (url == null) {
            throw new IllegalStateException("missing test fixture fixtures/" + relative);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
