package dev.fovea.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Whatever a command throws, the user sees one line and exit status 1; the stack trace only with --verbose. */
class FailureReporterTest {
    /** A command that fails with what it is given. */
    @Command(name = "boom")
    static final class Boom implements Runnable {
        private final Supplier<Throwable> failure;

        Boom(Supplier<Throwable> failure) {
            this.failure = failure;
        }

        @Override
        public void run() {
            Throwable t = failure.get();
            if (t instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) t;
        }
    }

    private static Cli.Result run(Supplier<Throwable> failure, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine().addSubcommand(new Boom(failure));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exitCode = cmd.execute(args);
        return new Cli.Result(exitCode, out.toString(), err.toString());
    }

    private static void assertOneLine(String expected, Cli.Result result) {
        assertEquals(1, result.exitCode(), result.err());
        assertEquals(List.of(expected), result.errLines());
        assertEquals("", result.out());
    }

    private static void assertVerboseTrace(String firstLine, Supplier<Throwable> failure) {
        Cli.Result result = run(failure, "--verbose", "boom");
        assertEquals(1, result.exitCode(), result.err());
        assertEquals(firstLine, result.errLines().get(0));
        assertTrue(result.err().contains("\tat dev.fovea.cli.FailureReporterTest$Boom.run"), result.err());
    }

    @Test
    void aFoveaExceptionIsItsMessage() {
        assertOneLine("fovea: error: model.safetensors: tensor 'w' is missing",
                run(() -> new FoveaException("model.safetensors: tensor 'w' is missing"), "boom"));
    }

    @Test
    void aLineBreakInAMessageIsShownEscaped() {
        assertOneLine("fovea: error: photos/cat\\n1.png: not a PNG, JPEG, GIF or BMP image",
                run(() -> new FoveaException("photos/cat\n1.png: not a PNG, JPEG, GIF or BMP image"), "boom"));
    }

    @Test
    void anUnexpectedRuntimeExceptionIsOneLineNamingItsType() {
        Supplier<Throwable> bug = () -> new IllegalStateException("queue is empty");
        assertOneLine("fovea: error: java.lang.IllegalStateException: queue is empty (--verbose shows where)",
                run(bug, "boom"));
        assertVerboseTrace("fovea: error: java.lang.IllegalStateException: queue is empty", bug);
    }

    @Test
    void aRuntimeExceptionWithoutAMessageIsOneLine() {
        assertOneLine("fovea: error: java.lang.NullPointerException (--verbose shows where)",
                run(NullPointerException::new, "boom"));
    }

    @Test
    void runningOutOfMemoryIsOneLineWithAHint() {
        Supplier<Throwable> oom = () -> new OutOfMemoryError("Java heap space");
        String line = "fovea: error: out of memory (java.lang.OutOfMemoryError: Java heap space); use a smaller batch"
                + " size, or give Java more memory (-Xmx, through FOVEA_JAVA_OPTS)";
        assertOneLine(line, run(oom, "boom"));
        assertVerboseTrace(line, oom);
    }

    @Test
    void anyOtherErrorIsOneLineToo() {
        Supplier<Throwable> overflow = StackOverflowError::new;
        assertOneLine("fovea: error: java.lang.StackOverflowError (--verbose shows where)", run(overflow, "boom"));
        assertVerboseTrace("fovea: error: java.lang.StackOverflowError", overflow);
    }

    @Test
    void aQuietFailurePrintsNoStackTrace() {
        Cli.Result result = run(() -> new IllegalStateException("x"), "boom");
        assertFalse(result.err().contains("\tat "), result.err());
    }
}
