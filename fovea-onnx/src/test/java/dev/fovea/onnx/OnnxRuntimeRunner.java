package dev.fovea.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/** Runs an ONNX file in ONNX Runtime, the independent implementation the export is checked against. */
final class OnnxRuntimeRunner {
    /** A run's output values and their dims. */
    record Output(float[] values, long[] dims) {}

    private OnnxRuntimeRunner() {}

    /** The first output of the model in {@code file} for one float input of {@code dims}. */
    static Output run(Path file, float[] input, long... dims) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1); // the test machines are small and shared
            try (OrtSession session = env.createSession(file.toString(), options);
                 OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), dims);
                 OrtSession.Result result = session.run(Map.of(session.getInputNames().iterator().next(), tensor))) {
                OnnxTensor out = (OnnxTensor) result.get(0);
                FloatBuffer buffer = out.getFloatBuffer();
                float[] values = new float[buffer.remaining()];
                buffer.get(values);
                return new Output(values, out.getInfo().getShape());
            }
        } catch (OrtException e) {
            throw new AssertionError("ONNX Runtime rejected " + file + ": " + e.getMessage(), e);
        }
    }
}
