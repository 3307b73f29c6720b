package io.tributary.grid;

import io.tributary.train.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of an experiment: a dataset, a row and a seed, trained by {@code ./msa train --resume} in
 * its own folder.
 *
 * @param dataset the dataset's name in the experiment
 * @param row the row's name
 * @param seed the seed
 * @param model {@code --model}
 * @param data {@code --data}: a corpus file or a generator name
 * @param bert {@code --bert}
 * @param settings every {@code --set}, the row's over the experiment's
 * @param folder the run's folder
 * @param selectionOnly whether the run reads no test split ({@code --selection-only}: a search's
 *     trial)
 */
public record Cell(
        String dataset,
        String row,
        long seed,
        String model,
        String data,
        Path bert,
        Map<String, String> settings,
        Path folder,
        boolean selectionOnly) {

    /** The arguments of {@code ./msa} that train this cell, resuming what a dead run left. */
    public List<String> trainArguments() {
        List<String> args = new ArrayList<>();
        args.addAll(List.of("train", "--resume", "--out", folder.toString()));
        args.addAll(List.of("--model", model, "--data", data, "--bert", bert.toString()));
        args.addAll(List.of("--seed", Long.toString(seed), "--row", row));
        if (selectionOnly) {
            args.add("--selection-only");
        }
        settingArguments().forEach(set -> args.addAll(List.of("--set", set)));
        return args;
    }

    /**
     * The PyTorch threads the cell trains with, its {@code threads} setting or the default: the
     * cores an executor gives it, so that two cells never share a core.
     */
    public int threads() {
        return Settings.forModel(model, seed, settingArguments()).train().threads();
    }

    private List<String> settingArguments() {
        return settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    /** What keeps the cell from running, when its data file or BERT folder is absent. */
    public Optional<String> missingInput() {
        if (!data.startsWith("synthetic") && !Files.isRegularFile(Path.of(data))) {
            return Optional.of("data file " + data + " is absent");
        }
        if (!Files.isDirectory(bert)) {
            return Optional.of("BERT folder " + bert + " is absent");
        }
        return Optional.empty();
    }

    /** The table's label of the cell's dataset: the data file's name or the generator's. */
    public String datasetLabel() {
        return Path.of(data).getFileName().toString();
    }

    /** A short name for progress lines. */
    public String describe() {
        return dataset + "/" + row + "/seed-" + seed;
    }
}
