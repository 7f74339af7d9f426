package dev.fovea.onnx;

import static dev.fovea.onnx.TestGraphs.node;
import static dev.fovea.onnx.TestGraphs.random;
import static dev.fovea.onnx.TestGraphs.value;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.FoveaException;
import dev.fovea.io.SizeLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the import refuses, and that each refusal names the file and what is wrong with it. */
class OnnxImportValidationTest {
    @TempDir
    Path dir;

    private final SplittableRandom random = new SplittableRandom(1);

    /** A one-conv graph on [N, 2, 6, 6] with the given weights tensor, then Relu. */
    private ModelProto convGraph(TensorProto weights, AttributeProto... convAttributes) {
        return TestGraphs.model(13, value("x", -1, 2, 6, 6), value("relu", -1, 3, 4, 4), List.of(
                node("conv", "Conv", List.of("x", "w"), convAttributes),
                node("relu", "Relu", List.of("conv"))), List.of(weights));
    }

    /** Writes {@code model}, imports it, and returns the error message, which must name the file. */
    private String importError(ModelProto model, String fileName) {
        return importError(TestGraphs.write(model, dir.resolve(fileName)));
    }

    private static String importError(Path file) {
        FoveaException e = assertThrows(FoveaException.class, () -> OnnxImport.read(file));
        assertTrue(e.getMessage().contains(file.toString()), "the message names the file: " + e.getMessage());
        return e.getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "expected '" + part + "' in: " + message);
        }
    }

    @Test
    void unsupportedOperatorIsNamedWithItsNode() {
        ModelProto model = TestGraphs.model(13, value("x", -1, 1, 4, 4), value("gelu", -1, 1, 4, 4),
                List.of(node("gelu", "Erf", List.of("x"))), List.of());
        assertContains(importError(model, "erf.onnx"), "node 'gelu' (Erf)", "unsupported operator 'Erf'");
    }

    @Test
    void operatorOfAnotherDomainIsNamed() {
        NodeProto custom = new NodeProto("fused", "FusedConv", "com.microsoft", List.of("x"), List.of("fused"), List.of());
        ModelProto model = TestGraphs.model(13, value("x", -1, 1, 4, 4), value("fused", -1, 1, 4, 4),
                List.of(custom), List.of());
        assertContains(importError(model, "custom.onnx"), "'fused' (FusedConv)", "domain 'com.microsoft'");
    }

    @Test
    void layerOtherThanAMergeTakingTwoComputedValuesIsRefused() {
        ModelProto model = TestGraphs.model(13, value("x", -1, 1, 4, 4), value("product", -1, 1, 4, 4), List.of(
                node("relu", "Relu", List.of("x")),
                node("product", "Mul", List.of("relu", "x"))), List.of());
        assertContains(importError(model, "product.onnx"), "node 'product' (Mul)", "several values computed",
                "Add, Sum and Concat");
    }

    @Test
    void concatOverAnotherAxisThanTheChannelsIsRefused() {
        ModelProto model = TestGraphs.model(13, value("x", -1, 1, 4, 4), value("cat", -1, 1, 4, 8), List.of(
                node("relu", "Relu", List.of("x")),
                node("cat", "Concat", List.of("relu", "x"), AttributeProto.ofInt("axis", 3))), List.of());
        assertContains(importError(model, "concat.onnx"), "node 'cat' (Concat)", "axis 3", "joins the channels");
    }

    @Test
    void sumOfValuesInDifferentLayoutsIsRefused() {
        ModelProto model = TestGraphs.model(13, value("x", -1, 2, 4, 4), value("sum", -1, 2, 4, 4), List.of(
                node("t", "Transpose", List.of("x"), AttributeProto.ofInts("perm", 0, 1, 3, 2)),
                node("sum", "Add", List.of("t", "x"))), List.of());
        assertContains(importError(model, "layouts.onnx"), "node 'sum' (Add)", "laid out");
    }

    @Test
    void groupedConvolutionIsRefused() {
        String message = importError(convGraph(random("w", random, 1, 3, 1, 3, 3), AttributeProto.ofInt("group", 2)),
                "grouped.onnx");
        assertContains(message, "node 'conv' (Conv)", "grouped convolution");
    }

    @Test
    void rawDataShorterThanItsDimsIsRefused() {
        TensorProto shortWeights = TensorProto.ofFloats("w", new float[10], 3, 2, 3, 3);
        assertContains(importError(convGraph(shortWeights), "short.onnx"), "tensor 'w'", "needs 216 bytes",
                "has 40");
    }

    @Test
    void dimsWhoseProductOverflowsAreRefusedBeforeAllocating() {
        long huge = 1L << 40;
        TensorProto weights = TensorProto.ofFloats("w", new float[4], huge, huge, 3, 3);
        assertContains(importError(convGraph(weights), "huge.onnx"), "tensor 'w'", "more values than one array holds");
    }

    @Test
    void negativeDimIsRefused() {
        TensorProto weights = TensorProto.ofFloats("w", new float[4], 3, -2, 3, 3);
        assertContains(importError(convGraph(weights), "negative.onnx"), "negative dimension");
    }

    @Test
    void symbolicImageSizeIsRefused() {
        ValueInfoProto input = ValueInfoProto.floats("x", List.of(ValueInfoProto.Dim.symbol("N"),
                ValueInfoProto.Dim.of(1), ValueInfoProto.Dim.symbol("height"), ValueInfoProto.Dim.of(4)));
        ModelProto model = TestGraphs.model(13, input, value("relu", -1, 1, 4, 4),
                List.of(node("relu", "Relu", List.of("x"))), List.of());
        assertContains(importError(model, "symbolic.onnx"), "input 'x'", "fixed image dimensions");
    }

    @Test
    void opsetOutsideTheKnownRangeIsRefused() {
        ModelProto model = TestGraphs.model(30, value("x", -1, 1, 4, 4), value("relu", -1, 1, 4, 4),
                List.of(node("relu", "Relu", List.of("x"))), List.of());
        assertContains(importError(model, "opset.onnx"), "opset 30", "7 to 22");
    }

    @Test
    void bytesThatAreNoProtobufAreRefused() throws IOException {
        Path file = dir.resolve("garbage.onnx");
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01});
        assertContains(importError(file), "not a valid ONNX file");
    }

    @Test
    void lengthFieldLargerThanTheFileIsRefused() throws IOException {
        Path file = dir.resolve("claims.onnx");
        // Field 7 (graph), length-delimited, claiming 2^31 - 1 bytes, followed by 3 bytes.
        Files.write(file, new byte[] {0x3a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 1, 2, 3});
        assertContains(importError(file), "not a valid ONNX file", "claims 2147483647 bytes");
    }

    @Test
    void truncatedExportIsRefused() throws IOException {
        Path file = dir.resolve("whole.onnx");
        OnnxExport.write(VariantModels.create("explicit-and-valid-padding", 1), file);
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.onnx");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        assertContains(importError(cut), "not a valid ONNX file");
    }

    @Test
    void missingFileIsNamed() {
        assertContains(importError(dir.resolve("absent.onnx")), "no such file");
    }

    @Test
    void graphWithoutAGraphIsRefused() throws IOException {
        Path file = dir.resolve("empty.onnx");
        Files.write(file, new byte[] {0x08, 0x07}); // ir_version 7 and nothing else
        assertContains(importError(file), "no graph");
    }

    @Test
    void reshapeThatIsNoFlattenIsRefused() {
        ModelProto model = TestGraphs.model(13, value("x", -1, 1, 4, 4), value("reshape", -1, 2, 8), List.of(
                node("reshape", "Reshape", List.of("x", "shape"))),
                List.of(TensorProto.ofLongs("shape", new long[] {0, 2, 8}, 3)));
        assertContains(importError(model, "reshape.onnx"), "node 'reshape' (Reshape)", "[0, 2, 8]", "flatten each example");
    }

    @Test
    void batchNormalizationInTrainingModeOverAnotherAxisOrWithEpsilonZeroIsRefused() {
        List<TensorProto> stats = List.of(random("g", random, 1, 2), random("b", random, 1, 2), random("m", random, 1, 2),
                TensorProto.ofFloats("v", new float[] {1f, 2f}, 2));
        List<String> inputs = List.of("x", "g", "b", "m", "v");
        ModelProto training = TestGraphs.model(15, value("x", -1, 2, 4, 4), value("bn", -1, 2, 4, 4),
                List.of(node("bn", "BatchNormalization", inputs, AttributeProto.ofInt("training_mode", 1))), stats);
        assertContains(importError(training, "training.onnx"), "node 'bn' (BatchNormalization)", "training mode");
        ModelProto noEpsilon = TestGraphs.model(13, value("x", -1, 2, 4, 4), value("bn", -1, 2, 4, 4),
                List.of(node("bn", "BatchNormalization", inputs, AttributeProto.ofFloat("epsilon", 0f))), stats);
        assertContains(importError(noEpsilon, "epsilon.onnx"), "node 'bn' (BatchNormalization)", "positive epsilon");
        ModelProto nhwc = TestGraphs.model(13, value("x", -1, 2, 4, 4), value("bn", -1, 4, 4, 2), List.of(
                node("t", "Transpose", List.of("x"), AttributeProto.ofInts("perm", 0, 2, 3, 1)),
                node("bn", "BatchNormalization", List.of("t", "g", "b", "m", "v"))), stats);
        assertContains(importError(nhwc, "nhwc.onnx"), "node 'bn' (BatchNormalization)", "not Fovea's channel axis");
    }

    @Test
    void aLayerOutputBeyondTheLayerCapIsRefused() {
        // The conv outputs (4, 4, 3) = 48 values per example.
        ModelProto model = convGraph(random("w", random, 1, 3, 2, 3, 3));
        System.setProperty(SizeLimits.LAYER_VALUES, "47");
        try {
            assertContains(importError(model, "capped.onnx"), "outputs (4, 4, 3) = 48 values per example",
                    "limit of 47 (system property fovea.limit.layerValues)");
        } finally {
            System.clearProperty(SizeLimits.LAYER_VALUES);
        }
        assertTrue(OnnxImport.read(dir.resolve("capped.onnx")).layers().size() >= 1);
    }
}
