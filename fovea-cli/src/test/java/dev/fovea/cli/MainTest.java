package dev.fovea.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {
    @ParameterizedTest
    @ValueSource(strings = {"train", "evaluate", "predict", "summary"})
    void everyCommandHasHelp(String command) {
        Cli.Result result = Cli.run(command, "--help");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("Usage: fovea " + command), result.out());
        assertTrue(result.out().contains("--verbose"), "the global option is listed: " + result.out());
    }

    @Test
    void topLevelHelpListsTheCommands() {
        Cli.Result result = Cli.run("--help");
        assertEquals(0, result.exitCode());
        for (String command : List.of("train", "evaluate", "predict", "summary")) {
            assertTrue(result.out().contains(command), result.out());
        }
    }

    @Test
    void versionNamesFoveaAndJava() {
        Cli.Result result = Cli.run("--version");
        assertEquals(0, result.exitCode());
        assertTrue(result.out().startsWith("fovea "), result.out());
        assertTrue(result.out().contains("Java " + System.getProperty("java.version")), result.out());
    }

    @Test
    void anArgumentStartingWithAtIsNotAnArgumentFile() {
        // Found by MainFuzzTest: "@/" (a directory) made picocli print a stack trace.
        Cli.Result result = Cli.run("@/");
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().startsWith("fovea: error: Unmatched argument at index 0: '@/'"), result.err());
        assertTrue(!result.err().contains("\tat "), result.err());
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result result = Cli.run();
        assertEquals(2, result.exitCode());
        assertEquals(List.of("fovea: error: missing command: expected one of train, finetune, evaluate, predict, visualize, "
                + "report, export, summary, bench (see 'fovea --help')"), result.errLines());
    }

    @Test
    void badOptionValueIsAUsageErrorNamingTheOption() {
        Cli.Result result = Cli.run("train", "--epochs", "0");
        assertEquals(2, result.exitCode());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().startsWith("fovea: error: Invalid value for option '--epochs': must be at least 1"),
                result.err());
    }

    @Test
    void anInfiniteLearningRateIsAUsageError() {
        Cli.Result result = Cli.run("train", "--lr", "Infinity");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("must be a finite number greater than 0"), result.err());
    }

    @Test
    void unknownOptimizerIsAUsageErrorListingTheKnownOnes() {
        Cli.Result result = Cli.run("train", "--optimizer", "adagrad");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("unknown optimizer 'adagrad': expected one of adam, sgd, nesterov, rmsprop"),
                result.err());
    }

    @Test
    void unknownDatasetIsAUsageErrorListingTheKnownOnes() {
        Cli.Result result = Cli.run("train", "--dataset", "cifar-10");
        assertEquals(2, result.exitCode());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().contains("fashion-mnist, mnist"), result.err());
    }

    @Test
    void mistypedOptionGetsASuggestion() {
        Cli.Result result = Cli.run("train", "--epoch", "3");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--epochs"), result.err());
    }

    @Test
    void verbosePrintsTheStackTraceOfAFailure() {
        Cli.Result quiet = Cli.run("predict", "--model-file", "no-such-model.safetensors", "x.png");
        Cli.Result verbose = Cli.run("--verbose", "predict", "--model-file", "no-such-model.safetensors", "x.png");
        assertEquals(1, quiet.exitCode());
        assertEquals(1, quiet.errLines().size(), quiet.err());
        assertEquals(1, verbose.exitCode());
        assertEquals(quiet.errLines().get(0), verbose.errLines().get(0));
        assertTrue(verbose.err().contains("\tat dev.fovea."), verbose.err());
    }

    @Test
    void verboseWorksAfterTheCommandNameToo() {
        Cli.Result result = Cli.run("predict", "--verbose", "--model-file", "no-such-model.safetensors", "x.png");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("\tat dev.fovea."), result.err());
    }
}
