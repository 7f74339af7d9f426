package dev.fovea.onnx;

import dev.fovea.FoveaException;
import dev.fovea.data.InputScaling;
import dev.fovea.io.Json;
import dev.fovea.io.JsonException;
import dev.fovea.model.GraphModel;
import dev.fovea.model.Model;
import dev.fovea.model.Sequential;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an ONNX model into a Fovea model that can be evaluated, fine-tuned and saved: a
 * {@link Sequential} when the graph is a chain (each node takes the previous node's output and
 * constants), else a {@link GraphModel}, whose values may be read by several nodes and merged by
 * Add or Sum (Fovea's Add) and Concat over the channels (Concatenate); weights used by several
 * nodes become one shared layer. The nodes are of the operators Fovea has layers for: Conv, MaxPool, AveragePool, GlobalAveragePool, Gemm, or MatMul
 * with an Add for its bias, Relu, LeakyRelu, Sigmoid, Tanh, Softmax, Flatten, Reshape and Squeeze
 * (when they flatten each example), Transpose, Dropout, Identity and BatchNormalization (inference
 * mode). In a graph from elsewhere, a BatchNormalization right after a Conv or Gemm is folded into its
 * weights (the same outputs with one pass less); any other, and every one in a graph Fovea exported,
 * becomes a {@link dev.fovea.nn.BatchNormalization} layer with gamma and beta (ones and zeros where the
 * exported layer had neither). A zero Pad is folded into the next Conv's padding. Constant inputs may be computed by Shape, Gather,
 * Unsqueeze, Squeeze, Concat and Cast, as PyTorch writes {@code x.view(x.size(0), -1)}. Graphs from PyTorch work on NCHW images: their layers become Fovea's NHWC layers
 * with the weights transposed, and the rows of the Gemm after a Flatten are permuted so Fovea's
 * NHWC Flatten gives the same result. The imported model therefore takes NHWC images.
 *
 * <p>Input scaling: a model Fovea exported gets its input scaling back from the graph's first
 * nodes. Any other model gets unit scaling (pixels / 255, as torchvision's ToTensor), since its
 * graph normally starts where its preprocessing ended. A PyTorch model trained on inputs
 * normalised as (x / 255 - mean) / std per channel wants
 * {@code model.inputScaling(InputScaling.standardize(255 * mean, 255 * std))}, which is the same
 * computation on 0-255 pixels.
 */
public final class OnnxImport {
    /** The ai.onnx operator sets whose versions of the operators above Fovea reads. */
    static final int MIN_OPSET = 7;
    static final int MAX_OPSET = 22;

    private OnnxImport() {}

    /**
     * Reads {@code file}; the model is a {@link Sequential} for a chain, else a {@link GraphModel}
     * (assigning it to a class it is not throws ClassCastException).
     *
     * @throws FoveaException naming the file when it cannot be read, is not a valid ONNX model, or
     *     uses an operator or a graph shape Fovea cannot represent (naming the node and operator)
     */
    public static <M extends Model> M read(Path file) {
        byte[] bytes = readBytes(file);
        try {
            return toModel(ModelProto.parse(bytes));
        } catch (IOException e) {
            throw new FoveaException(file + ": not a valid ONNX file (" + e.getMessage() + ")", e);
        } catch (InvalidOnnx e) {
            throw new FoveaException(file + ": " + e.getMessage(), e);
        }
    }

    static <M extends Model> M toModel(ModelProto proto) {
        Long opset = proto.opsets().containsKey("") ? proto.opsets().get("") : proto.opsets().get("ai.onnx");
        if (opset == null || opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new InvalidOnnx("the model uses ai.onnx opset " + (opset == null ? "(none)" : opset)
                    + "; Fovea reads opsets " + MIN_OPSET + " to " + MAX_OPSET);
        }
        boolean fovea = OnnxExport.PRODUCER.equals(proto.producerName());
        InputScaling.Kind scaling = fovea ? scalingKind(proto) : null;
        M model = ChainImporter.toModel(GraphChain.of(proto.graph()), opset.intValue(), scaling);
        if (fovea) {
            model.classNames(classNames(proto));
        }
        return model;
    }

    private static InputScaling.Kind scalingKind(ModelProto proto) {
        String kind = proto.metadata().get(OnnxExport.INPUT_SCALING_KEY);
        if (kind == null) {
            throw new InvalidOnnx("metadata '" + OnnxExport.INPUT_SCALING_KEY + "' is missing from a model Fovea wrote");
        }
        try {
            return InputScaling.parseKind(kind);
        } catch (IllegalArgumentException e) {
            throw new InvalidOnnx("metadata '" + OnnxExport.INPUT_SCALING_KEY + "': " + e.getMessage());
        }
    }

    private static List<String> classNames(ModelProto proto) {
        String json = proto.metadata().get(OnnxExport.CLASS_NAMES_KEY);
        if (json == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try {
            if (Json.parse(json) instanceof List<?> list) {
                for (Object o : list) {
                    names.add(o instanceof String s ? s : null);
                }
            } else {
                names = null;
            }
        } catch (JsonException e) {
            names = null;
        }
        if (names == null || names.contains(null)) {
            throw new InvalidOnnx("metadata '" + OnnxExport.CLASS_NAMES_KEY + "' must be a JSON list of strings, got "
                    + json);
        }
        return names;
    }

    /** The whole file, refused before reading if it is larger than any protobuf message can be. */
    private static byte[] readBytes(Path file) {
        try {
            long size = Files.size(file);
            if (size > Integer.MAX_VALUE - 8) {
                throw new FoveaException(file + ": " + size + " bytes is more than an ONNX file can hold (2 GB; "
                        + "Fovea does not read external data)");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new FoveaException("cannot read " + file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new FoveaException("cannot read " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new FoveaException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
