package io.tributary.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of the code that produced a result: project version, commit, and whether dirty. */
public final class CodeVersion {

    private static final String VERSION = read();

    private CodeVersion() {}

    /** For example {@code 0.1.0-SNAPSHOT+3f2a9c1} or {@code 0.1.0-SNAPSHOT+3f2a9c1.dirty}. */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        Properties git = new Properties();
        try (InputStream in =
                CodeVersion.class.getResourceAsStream("/io/tributary/git.properties")) {
            if (in != null) {
                git.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = git.getProperty("git.build.version", "unknown");
        String commit = git.getProperty("git.commit.id.abbrev", "");
        if (commit.isEmpty()) {
            return version + "+nogit";
        }
        boolean dirty = Boolean.parseBoolean(git.getProperty("git.dirty", "false"));
        return version + "+" + commit + (dirty ? ".dirty" : "");
    }
}
