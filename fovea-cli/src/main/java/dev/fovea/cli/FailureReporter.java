package dev.fovea.cli;

import dev.fovea.FoveaException;
import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports what went wrong as one line, {@code fovea: error: <message>}, on stderr: exit code 2 for a
 * usage error, 1 for a failure while running, whatever was thrown (an {@link Error} such as
 * {@link OutOfMemoryError} included, see {@link #reportingErrors}). Stack traces only with
 * {@code --verbose}, since the messages (a {@link FoveaException}'s in particular) are complete on
 * their own.
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
        return report(e, cmd.getErr());
    }

    /**
     * {@code strategy}, with an {@link Error} thrown by the command (which picocli lets through, to
     * end the JVM with a stack trace) reported like an exception.
     */
    IExecutionStrategy reportingErrors(IExecutionStrategy strategy) {
        return parseResult -> {
            try {
                return strategy.execute(parseResult);
            } catch (Error e) {
                return report(e, parseResult.commandSpec().commandLine().getErr());
            }
        };
    }

    private int report(Throwable failure, PrintWriter err) {
        // One line even when a message quotes a file name or a system message with a line break.
        err.println("fovea: error: " + describe(failure).replace("\r", "\\r").replace("\n", "\\n"));
        printStackTraceIfVerbose(failure, err);
        err.flush();
        return FAILURE;
    }

    private String describe(Throwable failure) {
        if (failure instanceof FoveaException || failure instanceof IllegalArgumentException) {
            return message(failure);
        }
        if (failure instanceof OutOfMemoryError) {
            // Not a bug but a size: the way out is a smaller batch or image, or a larger heap.
            return "out of memory (" + failure + "); use a smaller batch size, or give Java more memory (-Xmx,"
                    + " through FOVEA_JAVA_OPTS)";
        }
        return unexpected(failure);
    }

    /** Expected failures carry a complete message (a FoveaException's names the file or value at fault). */
    private static String message(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getName() : e.getMessage();
    }

    /** A bug: its type is part of the story, and the stack trace shows where. */
    private String unexpected(Throwable e) {
        String text = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return verbose.getAsBoolean() ? text : text + " (--verbose shows where)";
    }

    private void printStackTraceIfVerbose(Throwable e, PrintWriter err) {
        if (verbose.getAsBoolean()) {
            e.printStackTrace(err);
        }
    }
}
