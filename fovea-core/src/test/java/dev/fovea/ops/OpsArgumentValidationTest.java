package dev.fovea.ops;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fovea.kernel.Padding;
import dev.fovea.tensor.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Ops reject inputs of the wrong rank or shape with IllegalArgumentException instead of computing garbage. */
class OpsArgumentValidationTest {
    static Stream<Arguments> invalidCalls() {
        Tensor images = Tensor.zeros(1, 5, 5, 3);
        Tensor kernel3x3 = Tensor.zeros(3, 3, 3, 4);
        return Stream.of(
                call("conv2d channel mismatch",
                        () -> ConvOps.conv2d(images, Tensor.zeros(3, 3, 2, 4), null, 1, 1, Padding.VALID)),
                call("conv2d input not rank 4",
                        () -> ConvOps.conv2d(Tensor.zeros(5, 5, 3), kernel3x3, null, 1, 1, Padding.VALID)),
                call("conv2d bias of wrong length",
                        () -> ConvOps.conv2d(images, kernel3x3, Tensor.zeros(3), 1, 1, Padding.VALID)),
                call("conv2d kernel larger than input",
                        () -> ConvOps.conv2d(Tensor.zeros(1, 2, 2, 3), kernel3x3, null, 1, 1, Padding.VALID)),
                call("conv2d stride 0", () -> ConvOps.conv2d(images, kernel3x3, null, 0, 1, Padding.SAME)),
                call("dense inner size mismatch", () -> DenseOps.dense(Tensor.zeros(2, 4), Tensor.zeros(5, 3), null)),
                call("dense bias of wrong length",
                        () -> DenseOps.dense(Tensor.zeros(2, 5), Tensor.zeros(5, 3), Tensor.zeros(4))),
                call("max pool on rank 2", () -> PoolOps.maxPool2d(Tensor.zeros(4, 4), 2, 2, Padding.VALID)),
                call("avg pool padding not smaller than window",
                        () -> PoolOps.avgPool2d(images, 2, 2, Padding.explicit(2))),
                call("global avg pool on rank 3", () -> PoolOps.globalAvgPool2d(Tensor.zeros(5, 5, 3))),
                call("cross-entropy label count",
                        () -> LossOps.softmaxCrossEntropy(Tensor.zeros(2, 3), new int[] {0}, 0f)),
                call("cross-entropy label out of range",
                        () -> LossOps.softmaxCrossEntropy(Tensor.zeros(2, 3), new int[] {0, 3}, 0f)),
                call("cross-entropy negative label",
                        () -> LossOps.softmaxCrossEntropy(Tensor.zeros(2, 3), new int[] {-1, 0}, 0f)),
                call("bce target count", () -> LossOps.binaryCrossEntropyWithLogits(Tensor.zeros(4), new float[3])),
                call("mse target count", () -> LossOps.meanSquaredError(Tensor.zeros(2, 2), new float[5])));
    }

    private static Arguments call(String what, Executable executable) {
        return Arguments.of(what, executable);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCalls")
    void invalidArgumentsAreRejected(String what, Executable call) {
        assertThrows(IllegalArgumentException.class, call, what);
    }
}
