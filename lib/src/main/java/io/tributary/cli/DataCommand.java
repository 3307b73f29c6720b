package io.tributary.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./msa data}: commands on corpus files; it only lists them. */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = "Check and prepare corpus files.",
        subcommands = {DataInspectCommand.class})
public final class DataCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a data command");
    }
}
