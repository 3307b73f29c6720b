package io.tributary.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where an experiment's files are and where its output goes: options of reproduce and search. */
final class ExperimentFiles {

    @Option(
            names = "--out",
            description = "Where runs and tables go. Default: results/<experiment name>.")
    Path out;

    @Option(
            names = "--data-root",
            description = "The folder the experiment's data paths are relative to.")
    Path dataRoot;

    @Option(names = "--bert", description = "The BERT folder, instead of the experiment's.")
    Path bert;

    /** The output folder: {@code --out}, or {@code results/<name>}. */
    Path out(String name) {
        return out != null ? out : Path.of("results", name);
    }
}
