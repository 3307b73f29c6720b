package io.tributary;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Test files on the test class path, as paths (the readers read files through channels): the one
 * way tests find their resources. The copies of the project's reference fixtures lie under one
 * root, {@code fixtures/}; data the tests' own scripts wrote lie beside it.
 */
public final class TestResources {

    private TestResources() {}

    /** For example {@code path("fixtures/mmsa/aligned_50.pkl")}; a leading slash is allowed. */
    public static Path path(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        URL url = TestResources.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("No test resource " + resource);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A copy of the reference fixture {@code shared/fixtures/<name>}, e.g. {@code mag/...}. */
    public static Path fixture(String name) {
        return path("fixtures/" + name);
    }

    /** A JSON test resource, parsed (NaN read as Python's json writes it). */
    public static JsonElement json(String resource) {
        try (Reader reader = Files.newBufferedReader(path(resource), StandardCharsets.UTF_8)) {
            return JsonParser.parseReader(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
