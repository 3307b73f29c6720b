package io.tributary.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./msa data ...}: read, check and align the corpora's files; write a synthetic one. */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = "Read, check and align the corpora's data files; generate a synthetic one.",
        subcommands = {DataInspectCommand.class, DataAlignCommand.class, DataSynthCommand.class})
final class DataCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a data command");
    }
}
