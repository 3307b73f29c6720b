package io.tributary.cli;

import io.tributary.core.InputException;
import io.tributary.grid.Experiment;
import io.tributary.grid.HyperparameterSearch;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./msa search}: an experiment's hyper-parameter search, scored on validation only. */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "Run the hyper-parameter search of an experiment file's 'search' block: each trial"
                    + " trains on the first dataset's train split and is scored on its valid split"
                    + " only (OUT/search/trial-K/, the test split never read); the trial of lowest"
                    + " validation loss is selected (OUT/search.csv) and trained once per seed as"
                    + " the row <row>-searched under OUT/runs/, and the tables are rebuilt in OUT."
                    + " Resumable like reproduce."
        })
final class SearchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--experiment", required = true, description = "The experiment file.")
    Path experiment;

    @Mixin ExperimentFiles files;

    @Override
    public Integer call() {
        Experiment read = Experiment.read(experiment);
        if (read.search() == null) {
            throw new InputException(experiment + ": expected the key 'search'");
        }
        Path folder = files.out(read.name());
        List<String> failed =
                new HyperparameterSearch(read, folder, files.dataRoot, files.bert, System.err)
                        .run();
        spec.commandLine().getOut().println(folder.resolve(HyperparameterSearch.CSV));
        spec.commandLine().getOut().flush();
        failed.forEach(line -> System.err.println("search: " + line));
        return failed.isEmpty() ? 0 : ReproduceCommand.CELLS_FAILED;
    }
}
