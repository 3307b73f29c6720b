package io.tributary.grid;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code sbatch} script of one job array: task K runs cell K of {@code jobs} ({@code ./msa
 * cell}, a JVM of its own) on as many cores as the cells' {@code threads}, logs to {@code
 * logs/cell-K.job-J.log} in the grid's {@code slurm/} folder, and leaves there {@code
 * ended/cell-K}: the outcome line the cell printed and, last, {@code exit N}. A task killed by
 * Slurm (cancelled, timed out, its node lost) leaves no {@code ended/cell-K}.
 *
 * @param jobs the grid's cells
 * @param indices the cells this array runs, ascending
 * @param folder the grid's {@code slurm/} folder, on the file system the nodes share
 * @param options what {@code sbatch} is told besides
 */
record SlurmScript(CellJobs jobs, List<Integer> indices, Path folder, SlurmOptions options) {

    /** The variable that holds an array task's index. */
    private static final String TASK = "$SLURM_ARRAY_TASK_ID";

    /** The cores each task asks for: the most {@code threads} of its cells. */
    int cpus() {
        return indices.stream().mapToInt(i -> jobs.cell(i).threads()).max().orElse(1);
    }

    /** The script's text. */
    String text() {
        Path ended = folder.resolve("ended");
        List<String> lines = new ArrayList<>();
        lines.add("#!/bin/bash");
        lines.add("# ./msa reproduce --executor slurm: task K of this array runs cell K of");
        lines.add("# " + jobs.file());
        for (int index : indices) {
            lines.add("#   " + index + ": " + jobs.cell(index).describe());
        }
        lines.add("#SBATCH --job-name=msa-" + folder.toAbsolutePath().getParent().getFileName());
        lines.add("#SBATCH --array=" + array(indices));
        lines.add("#SBATCH --ntasks=1");
        lines.add("#SBATCH --cpus-per-task=" + cpus());
        lines.add("#SBATCH --chdir=" + Path.of("").toAbsolutePath());
        lines.add("#SBATCH --output=" + folder.resolve("logs").resolve("cell-%a.job-%A.log"));
        lines.addAll(options.directives());
        lines.add("out=" + quoted(ended.toString()) + "/cell-" + TASK);
        lines.add(command() + " >\"$out.tmp\"");
        lines.add("code=$?");
        lines.add("echo \"exit $code\" >>\"$out.tmp\" && mv -f \"$out.tmp\" \"$out\"");
        lines.add("exit \"$code\"");
        return lines.stream().collect(Collectors.joining("\n", "", "\n"));
    }

    /** The cell's command line, every word quoted for bash and the task's index expanded. */
    private String command() {
        return jobs.command(TASK).stream()
                .map(word -> word.equals(TASK) ? "\"" + TASK + "\"" : quoted(word))
                .collect(Collectors.joining(" "));
    }

    /** Slurm's list of array indices: ranges where they run on, as in {@code 0-3,5,7-9}. */
    static String array(List<Integer> ascending) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < ascending.size()) {
            int j = i;
            while (j + 1 < ascending.size() && ascending.get(j + 1) == ascending.get(j) + 1) {
                j++;
            }
            parts.add(i == j ? "" + ascending.get(i) : ascending.get(i) + "-" + ascending.get(j));
            i = j + 1;
        }
        return String.join(",", parts);
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
