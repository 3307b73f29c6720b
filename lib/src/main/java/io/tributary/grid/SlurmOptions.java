package io.tributary.grid;

import io.tributary.core.InputException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@code sbatch} is told besides the array itself: the options of {@code ./msa reproduce
 * --executor slurm}, each absent (null) unless given, so that the cluster's defaults apply.
 *
 * @param partition {@code --partition}
 * @param gres {@code --gres}, for example {@code gpu:1}
 * @param time {@code --time}, the limit of one cell: {@code HH:MM:SS} or {@code D-HH:MM:SS}
 * @param account {@code --account}
 */
public record SlurmOptions(String partition, String gres, String time, String account) {

    private static final Pattern TIME = Pattern.compile("(\\d+-)?\\d+:[0-5]\\d:[0-5]\\d");

    /** No option given: the cluster's default partition, no generic resources, its time limit. */
    public static final SlurmOptions NONE = new SlurmOptions(null, null, null, null);

    public SlurmOptions {
        if (time != null && !TIME.matcher(time).matches()) {
            throw new InputException("--time " + time + ": expected HH:MM:SS or D-HH:MM:SS");
        }
        oneWord("--partition", partition);
        oneWord("--gres", gres);
        oneWord("--account", account);
    }

    private static void oneWord(String option, String value) {
        if (value != null && (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace))) {
            throw new InputException(option + " '" + value + "': expected one word");
        }
    }

    /** The {@code #SBATCH} lines of the options given, in the order of the command line. */
    List<String> directives() {
        List<String> lines = new ArrayList<>();
        add(lines, "partition", partition);
        add(lines, "gres", gres);
        add(lines, "time", time);
        add(lines, "account", account);
        return lines;
    }

    private static void add(List<String> lines, String name, String value) {
        if (value != null) {
            lines.add("#SBATCH --" + name + "=" + value);
        }
    }
}
