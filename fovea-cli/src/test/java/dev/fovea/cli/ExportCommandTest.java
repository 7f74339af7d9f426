package dev.fovea.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.fovea.data.InputScaling;
import dev.fovea.model.BuiltinModels;
import dev.fovea.model.Model;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {
    @TempDir
    Path temp;

    @Test
    void theExportedFileGivesTheModelsOutputsInOnnxRuntime() throws OrtException {
        Model model = BuiltinModels.create("cifar-lenet", 32, 32, 3).initialize(3);
        model.inputScaling(InputScaling.standardize(new float[] {120, 110, 100}, new float[] {60, 50, 40}));
        Path modelFile = temp.resolve("model.safetensors");
        model.save(modelFile);
        Path onnx = temp.resolve("model.onnx");

        Cli.Result result = Cli.run("export", "--model-file", modelFile.toString(), "--out", onnx.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("Exported " + modelFile + " to " + onnx + " (ONNX opset 13)"), result.out());

        float[] pixels = new float[32 * 32 * 3];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(256);
        }
        float[] expected = Model.load(modelFile).predictPixels(pixels);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[] {1, 32, 32, 3});
             OrtSession.Result outputs = session.run(Map.of(session.getInputNames().iterator().next(), input))) {
            float[] actual = ((float[][]) outputs.get(0).getValue())[0];
            assertEquals(expected.length, actual.length);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-4, "output " + i);
            }
        }
    }

    @Test
    void anUnknownFormatIsAUsageErrorAndAMissingModelAOneLineFailure() {
        assertEquals(2, Cli.run("export", "--model-file", "m", "--format", "tflite", "--out", "x").exitCode());
        Cli.Result missing = Cli.run("export", "--model-file", temp.resolve("none.safetensors").toString(),
                "--out", temp.resolve("x.onnx").toString());
        assertEquals(1, missing.exitCode());
        assertEquals(1, missing.errLines().size(), missing.err());
    }
}
