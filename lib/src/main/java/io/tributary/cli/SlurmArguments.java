package io.tributary.cli;

import io.tributary.grid.SlurmOptions;
import picocli.CommandLine.Option;

/** The options of {@code ./msa reproduce --executor slurm}. */
final class SlurmArguments {

    @Option(names = "--partition", description = "slurm: the partition. Default: the cluster's.")
    String partition;

    @Option(
            names = "--gres",
            description = "slurm: generic resources of each cell, such as gpu:1. Default: none.")
    String gres;

    @Option(
            names = "--time",
            description = "slurm: the time limit of each cell, HH:MM:SS. Default: the partition's.")
    String time;

    @Option(names = "--account", description = "slurm: the account charged. Default: yours.")
    String account;

    @Option(
            names = "--dry-run",
            description = "slurm: print the job array's script, submit nothing.")
    boolean dryRun;

    /** The options as {@code sbatch} is to be told them. */
    SlurmOptions options() {
        return new SlurmOptions(partition, gres, time, account);
    }
}
