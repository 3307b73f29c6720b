package io.tributary.cli;

import io.tributary.core.InputException;
import io.tributary.grid.CellProcess;
import io.tributary.train.RunDivergedException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./msa}: the command line. Every command is a thin call into the library. */
@Command(
        name = "msa",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Tributary: multimodal sentiment analysis with pre-trained language models.",
        subcommands = {
            CommandLine.HelpCommand.class,
            EncodeCommand.class,
            BertCommand.class,
            DataCommand.class,
            MetricsCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            ForwardCommand.class,
            ReproduceCommand.class,
            SearchCommand.class,
            RobustnessCommand.class,
            TableCommand.class,
            CellCommand.class
        })
public final class Msa implements Runnable {

    /** Exit code of a user error: bad input, a missing file, a wrong option. */
    public static final int USER_ERROR = 2;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command");
    }

    public static void main(String[] args) {
        CellProcess.exitWithParentIfAsked();
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests to run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Msa());
        cli.setExecutionExceptionHandler(Msa::handleExecutionException);
        cli.setParameterExceptionHandler(Msa::handleParameterException);
        return cli;
    }

    private static int handleExecutionException(
            Exception e, CommandLine cli, CommandLine.ParseResult parsed) throws Exception {
        Throwable cause = e;
        while (cause != null
                && !(cause instanceof InputException)
                && !(cause instanceof RunDivergedException)) {
            cause = cause.getCause();
        }
        if (cause == null) {
            throw e;
        }
        // one line: a Gson message, which some wrap, adds a second with a link to its help
        cli.getErr().println("error: " + cause.getMessage().lines().findFirst().orElse(""));
        cli.getErr().flush();
        return cause instanceof RunDivergedException ? RunDivergedException.EXIT_CODE : USER_ERROR;
    }

    private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("error: " + e.getMessage());
        err.println("(see: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
        err.flush();
        return USER_ERROR;
    }
}
