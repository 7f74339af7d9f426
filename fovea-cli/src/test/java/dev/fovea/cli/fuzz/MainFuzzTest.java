package dev.fovea.cli.fuzz;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fovea.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Fuzzes the command line: the input is the argument list, one argument per line. Whatever the
 * arguments, {@code execute} returns (never throws), with exit code 0, 1 (a failure) or 2 (a usage
 * error); a failure is one line "fovea: error: ..." that is not an unexpected exception; no stack
 * trace is printed without --verbose.
 *
 * <p>Only argument lists that cannot start work are executed: usage errors, help and version,
 * {@code summary}, and {@code evaluate} or {@code predict} with a model file that does not exist.
 * Training, benchmarks and a real model file (which could start a dataset download) are skipped.
 */
class MainFuzzTest {
    private static final int MAX_ARGS = 12;
    /**
     * A stack frame or cause at the start of a line. Arguments cannot hold a '\n', so, lines being
     * split at '\n' only (UNIX_LINES), an argument echoed in a message cannot fake one.
     */
    private static final Pattern STACK_TRACE = Pattern.compile("(?md)^[ \\t]+at \\S+\\(|^Caused by: ");
    /** Only parses, never executes; picocli resets every option before each parse, so one serves all inputs. */
    private static final CommandLine PARSER = Main.commandLine();

    @FuzzTest
    void execute(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        String[] args = text.isEmpty() ? new String[0] : text.split("\n", -1);
        if (args.length > MAX_ARGS || !safeToRun(args)) {
            return;
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exitCode;
        // The CLI opens the paths its user names, "../model.safetensors" included, so Jazzer's path
        // traversal detector (a finding when a path reaches its target "../jazzer-traversal") is off.
        try (SilentCloseable noTarget = BugDetectors.setFilePathTraversalTarget(() -> null)) {
            exitCode = cmd.execute(args);
        }

        String errors = err.toString();
        String run = Arrays.toString(args) + " exited " + exitCode + " printing: " + errors;
        check(exitCode == 0 || exitCode == 1 || exitCode == 2, "an exit code other than 0, 1 or 2: " + run);
        boolean verbose = Arrays.stream(args).anyMatch(a -> a.contains("verbose"));
        check(verbose || !STACK_TRACE.matcher(errors).find(), "a stack trace without --verbose: " + run);
        if (exitCode == 1 && !verbose) {
            // Split at '\n' only: a '\r' in an argument echoed in the message does not end the line.
            List<String> lines = List.of(errors.split("\n"));
            check(lines.size() == 1 && lines.get(0).startsWith("fovea: error: "), "a failure not in one line: " + run);
            check(!lines.get(0).endsWith("(--verbose shows where)"), "an unexpected exception: " + run);
        }
        if (exitCode == 2) {
            check(errors.startsWith("fovea: error: "), "a usage error not starting 'fovea: error: ': " + run);
        }
    }

    /** Parses {@code args} on a separate command line to see what running them would do. */
    private static boolean safeToRun(String[] args) {
        ParseResult result;
        try {
            result = PARSER.parseArgs(args);
        } catch (ParameterException usageError) {
            return true;
        }
        for (ParseResult level = result; level != null; level = level.subcommand()) {
            if (level.isUsageHelpRequested() || level.isVersionHelpRequested()) {
                return true;
            }
            if (!level.hasSubcommand()) {
                return switch (level.commandSpec().name()) {
                    case "fovea", "summary" -> true;
                    case "evaluate", "predict" -> !exists(level.matchedOptionValue("--model-file", (Path) null));
                    default -> false;
                };
            }
        }
        return false;
    }

    private static boolean exists(Path file) {
        try {
            return file == null || Files.exists(file);
        } catch (InvalidPathException e) {
            return true;
        }
    }

    private static void check(boolean holds, String failure) {
        if (!holds) {
            throw new AssertionError(failure);
        }
    }
}
