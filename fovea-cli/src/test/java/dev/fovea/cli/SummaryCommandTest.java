package dev.fovea.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SummaryCommandTest {
    @Test
    void kerasFashionHasTheKerasParameterCountAndShapes() {
        Cli.Result result = Cli.run("summary", "--model", "keras-fashion");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("Total params: 243,786"), result.out());
        assertTrue(result.out().contains("(None, 26, 26, 64)"), result.out());
        assertTrue(result.out().contains("(None, 5, 5, 64)"), result.out());
        assertTrue(result.out().contains("(None, 10)"), result.out());
    }

    @Test
    void alexNetIsShownForItsOwn227By227ColourInput() {
        Cli.Result result = Cli.run("summary", "--model", "alexnet");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("conv2d (Conv2D)                    (None, 55, 55, 96)        34,944"),
                result.out());
        assertTrue(result.out().contains("Total params: 62,378,344"), result.out());
    }

    @Test
    void inputShapeChangesTheShapes() {
        Cli.Result result = Cli.run("summary", "--model", "scratch-mnist", "--input-shape", "32,32,3");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("(None, 30, 30, 8)"), result.out());
    }

    @Test
    void unknownModelIsOneLineNamingTheKnownModels() {
        Cli.Result result = Cli.run("summary", "--model", "resnet-1000");
        assertEquals(2, result.exitCode());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().startsWith("fovea: error: "), result.err());
        assertTrue(result.err().contains("keras-fashion, lenet5, tf-mnist, scratch-mnist"), result.err());
    }

    @Test
    void inputShapeNeedsThreeNumbers() {
        Cli.Result result = Cli.run("summary", "--input-shape", "28,28");
        assertEquals(2, result.exitCode());
        assertEquals(1, result.errLines().size(), result.err());
    }

    @Test
    void inputTooSmallForTheModelIsAOneLineFailure() {
        Cli.Result result = Cli.run("summary", "--model", "keras-fashion", "--input-shape", "2,2,1");
        assertEquals(1, result.exitCode());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().startsWith("fovea: error: layer conv2d"), result.err());
    }
}
