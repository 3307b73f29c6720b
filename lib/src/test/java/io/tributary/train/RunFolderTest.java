package io.tributary.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new run never finds an earlier run's records or model in its folder. */
class RunFolderTest {

    @TempDir Path dir;

    @Test
    void anEarlierRunsFilesAreRemovedAndNothingElse() throws IOException {
        Path out = dir.resolve("run");
        Files.createDirectories(out.resolve("model"));
        Files.writeString(out.resolve("model/model.safetensors"), "old weights");
        Files.writeString(out.resolve(EpochLog.FILE), "{}\n");
        Files.writeString(out.resolve(RunResult.FILE), "{}");
        Files.writeString(out.resolve(".result.json12345.tmp"), "half");
        Files.writeString(out.resolve("notes.txt"), "mine");
        RunFolder.prepareFresh(out);
        assertFalse(Files.exists(out.resolve("model")));
        assertFalse(Files.exists(out.resolve(EpochLog.FILE)));
        assertFalse(Files.exists(out.resolve(RunResult.FILE)));
        assertFalse(Files.exists(out.resolve(".result.json12345.tmp")));
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
    }

    @Test
    void aNewOrEmptyFolderIsReady() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        RunFolder.prepareFresh(empty);
        assertTrue(Files.isDirectory(empty));
        RunFolder.prepareFresh(dir.resolve("new/run"));
        assertTrue(Files.isDirectory(dir.resolve("new/run")));
    }

    @Test
    void aFolderThatIsNotARunsIsRefused() throws IOException {
        Files.writeString(dir.resolve("thesis.tex"), "mine");
        InputException e = assertThrows(InputException.class, () -> RunFolder.prepareFresh(dir));
        assertTrue(e.getMessage().startsWith("--out " + dir), e.getMessage());
        assertTrue(e.getMessage().contains("thesis.tex"), e.getMessage());
        assertEquals("mine", Files.readString(dir.resolve("thesis.tex")));
    }

    @Test
    void aFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        InputException e = assertThrows(InputException.class, () -> RunFolder.prepareFresh(file));
        assertTrue(e.getMessage().contains("expected a folder"), e.getMessage());
    }
}
