package io.tributary.cli;

import io.tributary.grid.CellJobs;
import io.tributary.grid.CellRun;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./msa cell}: one cell of a grid, as an executor's task runs it ({@link CellRun}); not for
 * users, so hidden from the help.
 */
@Command(
        name = "cell",
        hidden = true,
        mixinStandardHelpOptions = true,
        description = {
            "Run cell INDEX of a grid's cells file (OUT/cells.json) under its lock, training it in"
                    + " this JVM, and print how it ended; exits with the training's exit code when"
                    + " the training failed."
        })
final class CellCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--cells", required = true, description = "The grid's cells file.")
    Path cells;

    @Option(names = "--index", required = true, description = "The cell's index, from 0.")
    int index;

    @Override
    public Integer call() {
        CellJobs jobs = CellJobs.read(cells);
        try {
            CellRun.Outcome outcome =
                    CellRun.run(jobs.cell(index), jobs.keep(), CellCommand::train);
            spec.commandLine().getOut().println(outcome.line());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (CellRun.CellFailedException e) {
            return e.exitCode();
        }
    }

    /** {@code ./msa train} in this JVM, its printed result dropped (the run folder has it). */
    private static int train(List<String> args) {
        CommandLine cli = Msa.commandLine();
        cli.setOut(new PrintWriter(Writer.nullWriter()));
        return cli.execute(args.toArray(String[]::new));
    }
}
