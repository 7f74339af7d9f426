package dev.fovea.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fovea.io.Json;
import dev.fovea.model.Model;
import dev.fovea.nn.Layer;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Models exported by PyTorch (src/test/resources/onnx/make_fixtures.py) give PyTorch's outputs
 * once imported, for PyTorch's NCHW pixels given to Fovea as NHWC.
 */
class OnnxImportPyTorchTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mnist_cnn | 28,28,1 | Conv2D relu, MaxPooling2D, Conv2D relu, MaxPooling2D, Flatten, Dense relu, Dense linear",
        "cifar_cnn | 32,32,3 | Conv2D relu, Conv2D leaky_relu(0.1), AveragePooling2D, Conv2D tanh, Flatten, Dense softmax",
        "gap_cnn | 20,20,3 | Conv2D relu, MaxPooling2D, Conv2D sigmoid, GlobalAveragePooling2D, Dense linear"})
    void importedModelGivesPyTorchsOutputs(String name, String inputShape, String layers) throws Exception {
        Model model = OnnxImport.read(resource(name + ".onnx"));
        assertArrayEquals(parseInts(inputShape), model.inputShape(), "NHWC input shape");
        assertEquals(layers, describe(model.layers()));

        Map<String, Object> fixture = Json.parseObject(Files.readString(resource(name + ".json")));
        int[] nchw = ints(fixture.get("pixels_shape"));
        float[] pixels = Outputs.toNhwc(floats(fixture.get("pixels")), nchw);
        float[] expected = floats(fixture.get("outputs"));
        Outputs.assertMatch(name, expected, Outputs.predictEach(model, pixels, nchw[0]));
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(OnnxImportPyTorchTest.class.getResource("/onnx/" + name).toURI());
    }

    /** "Conv2D relu, MaxPooling2D, ..." : each layer's type and, for layers with one, its activation. */
    private static String describe(List<Layer> layers) {
        List<String> parts = new ArrayList<>();
        for (Layer layer : layers) {
            Object activation = layer.config().get("activation");
            parts.add(layer.typeName() + (activation == null ? "" : " " + activation));
        }
        return String.join(", ", parts);
    }

    private static int[] parseInts(String csv) {
        String[] parts = csv.split(",");
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Integer.parseInt(parts[i].trim());
        }
        return values;
    }

    private static int[] ints(Object list) {
        List<?> values = (List<?>) list;
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).intValue();
        }
        return out;
    }

    private static float[] floats(Object list) {
        List<?> values = (List<?>) list;
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).floatValue();
        }
        return out;
    }
}
