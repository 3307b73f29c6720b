package io.tributary.grid;

import io.tributary.core.AtomicFiles;
import io.tributary.core.InputException;
import io.tributary.core.Json;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A grid's cells written to a file ({@code cells.json}) that every executor's task reads its cell
 * from: task K runs {@code ./msa cell --cells FILE --index K} in a JVM like the one that wrote the
 * file (its {@code java}, options and class path), in the same working folder (a cluster's nodes
 * share the file system), whichever process starts it.
 *
 * @param file where the cells are written
 * @param java the JVM of every cell: the {@code java} binary, its options, its class path
 * @param keep what each cell keeps of its run folder
 * @param cells the cells, the index of each its position
 */
public record CellJobs(Path file, List<String> java, KeepModels keep, List<Cell> cells) {

    /** The file's contents. */
    private record Contents(List<String> java, KeepModels keepModels, List<Cell> cells) {}

    /** Writes {@code cells}, to run in JVMs like this one, to {@code file} (atomically). */
    public static CellJobs write(Path file, KeepModels keep, List<Cell> cells) {
        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        java.addAll(List.of("-cp", System.getProperty("java.class.path")));
        AtomicFiles.writeString(file, Json.pretty().toJson(new Contents(java, keep, cells)) + "\n");
        return new CellJobs(file.toAbsolutePath(), List.copyOf(java), keep, List.copyOf(cells));
    }

    /** Reads the jobs written to {@code file}. */
    public static CellJobs read(Path file) {
        Contents contents = Json.read(file, Contents.class);
        if (contents.java() == null || contents.keepModels() == null || contents.cells() == null) {
            throw new InputException(
                    file + ": expected the keys 'java', 'keep_models' and 'cells'");
        }
        return new CellJobs(
                file.toAbsolutePath(), contents.java(), contents.keepModels(), contents.cells());
    }

    /** Cell {@code index}; an index out of range is a user error naming the file. */
    public Cell cell(int index) {
        if (index < 0 || index >= cells.size()) {
            throw new InputException(
                    String.format(
                            "--index %d: expected 0 to %d, the cells of %s",
                            index, cells.size() - 1, file));
        }
        return cells.get(index);
    }

    /**
     * The command line of cell {@code index}: a number, or a variable a shell expands (such as
     * {@code $SLURM_ARRAY_TASK_ID}).
     */
    public List<String> command(String index) {
        List<String> command = new ArrayList<>(java);
        command.addAll(
                List.of("io.tributary.cli.Msa", "cell", "--cells", file.toString(), "--index"));
        command.add(index);
        return command;
    }
}
