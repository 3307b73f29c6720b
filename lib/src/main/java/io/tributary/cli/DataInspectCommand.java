package io.tributary.cli;

import io.tributary.core.Json;
import io.tributary.data.pickle.PickleInspector;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./msa data inspect FILE}: recognises a corpus pickle and prints, as JSON, its format and
 * per split the sample count, every key's shape and dtype, label min/max/mean and the non-finite
 * values a read replaces by 0.
 */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Print a corpus file's format, splits, shapes, dtypes and label statistics.")
public final class DataInspectCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(paramLabel = "FILE", description = "The pickle to inspect.")
    Path file;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.println(Json.pretty().toJson(PickleInspector.summarize(file)));
        out.flush();
    }
}
