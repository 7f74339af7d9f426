package dev.fovea.onnx;

/**
 * A problem with the content of an ONNX file: a field out of range, an unsupported operator, a
 * graph Fovea cannot represent. {@link OnnxImport} turns it into a FoveaException naming the file.
 */
final class InvalidOnnx extends RuntimeException {
    InvalidOnnx(String message) {
        super(message);
    }
}
