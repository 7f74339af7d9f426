package dev.fovea.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code fovea} command: parses the arguments, runs a subcommand and turns failures into exit codes. */
@Command(name = "fovea",
        // INHERIT gives every subcommand --help, --version and the version provider.
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Train and use convolutional neural networks for images, in pure Java.",
        subcommands = {TrainCommand.class, FinetuneCommand.class, EvaluateCommand.class, PredictCommand.class, VisualizeCommand.class,
            ReportCommand.class, ExportCommand.class, SummaryCommand.class, BenchCommand.class})
public final class Main implements Runnable {
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On failure, print the stack trace too.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "missing command: expected one of " + String.join(", ", spec.subcommands().keySet()));
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run it in-process with their own out and err writers. */
    public static CommandLine commandLine() {
        Main main = new Main();
        FailureReporter failures = new FailureReporter(() -> main.verbose);
        return new CommandLine(main)
                // No @FILE argument files: "@x" is a plain argument. Expanding them, picocli would
                // print a stack trace for one it cannot read (a directory, say), outside the handlers.
                .setExpandAtFiles(false)
                .setParameterExceptionHandler(failures)
                .setExecutionExceptionHandler(failures)
                .setExecutionStrategy(failures.reportingErrors(new CommandLine.RunLast()));
    }
}
