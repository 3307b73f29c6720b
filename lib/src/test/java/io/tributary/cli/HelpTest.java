package io.tributary.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command, however deep, answers {@code --help} with its usage and exit code 0. */
class HelpTest {

    @Test
    void everyCommandHasHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(Msa.commandLine(), new ArrayList<>(), paths);
        assertTrue(paths.size() >= 4, "commands found: " + paths);
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CommandRun run = CommandRun.of(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertTrue(run.out().startsWith("Usage: msa"), String.join(" ", args));
        }
    }

    private static void collect(CommandLine cli, List<String> path, List<List<String>> out) {
        out.add(path);
        cli.getSubcommands()
                .forEach(
                        (name, sub) -> {
                            if (!name.equals("help")) {
                                List<String> next = new ArrayList<>(path);
                                next.add(name);
                                collect(sub, next, out);
                            }
                        });
    }
}
