package dev.fovea.cli;

import dev.fovea.FoveaException;
import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports what went wrong as one line, {@code fovea: error: <message>}, on stderr: exit code 2 for a
 * usage error, 1 for a failure while running. Stack traces only with {@code --verbose}, since the
 * messages (a {@link FoveaException}'s in particular) are complete on their own.
 */
final class FailureReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {
    static final int FAILURE = 1;
    static final int USAGE = 2;

    private final BooleanSupplier verbose;

    FailureReporter(BooleanSupplier verbose) {
        this.verbose = verbose;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("fovea: error: " + e.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        // "Did you mean --epochs?" for a mistyped option or command.
        UnmatchedArgumentException.printSuggestions(e, err);
        printStackTraceIfVerbose(e, err);
        err.flush();
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        boolean expected = e instanceof FoveaException || e instanceof IllegalArgumentException;
        err.println("fovea: error: " + (expected ? message(e) : unexpected(e)));
        printStackTraceIfVerbose(e, err);
        err.flush();
        return FAILURE;
    }

    /** Expected failures carry a complete message (a FoveaException's names the file or value at fault). */
    private static String message(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getName() : e.getMessage();
    }

    /** A bug: its type is part of the story, and the stack trace shows where. */
    private String unexpected(Exception e) {
        String text = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return verbose.getAsBoolean() ? text : text + " (--verbose shows where)";
    }

    private void printStackTraceIfVerbose(Exception e, PrintWriter err) {
        if (verbose.getAsBoolean()) {
            e.printStackTrace(err);
        }
    }
}
