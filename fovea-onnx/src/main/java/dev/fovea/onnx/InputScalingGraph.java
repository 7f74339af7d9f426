package dev.fovea.onnx;

import dev.fovea.data.InputScaling;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A model's input scaling as the first nodes of its ONNX graph, so the exported model takes 0-255
 * pixel values as Fovea's {@code predictPixels} does, and the way back for Fovea's own exports.
 * The operations are those {@link InputScaling} performs, in the same order, in float:
 * <ul>
 *   <li>unit: Mul by 1/255; centered: Mul by 1/255, then Sub 0.5;</li>
 *   <li>mean_image: Sub the mean image [1, H, W, C], then Mul by 1/255;</li>
 *   <li>standardize: Sub the channel means [C], then Div by the channel deviations [C].</li>
 * </ul>
 */
final class InputScalingGraph {
    private static final float INV_255 = 1f / 255f;
    private static final String PREFIX = "input_scaling/";

    private InputScalingGraph() {}

    /** Appends the scaling's nodes to the NHWC pixel input and returns the scaled value's name. */
    static String append(InputScaling scaling, int[] inputShape, GraphBuilder g) {
        String in = GraphBuilder.INPUT;
        return switch (scaling.kind()) {
            case UNIT -> divideBy255(in, g);
            case CENTERED -> g.apply(PREFIX + "center", "Sub", divideBy255(in, g),
                    List.of(g.scalar(PREFIX + "half", 0.5f)));
            case MEAN_IMAGE -> divideBy255(g.apply(PREFIX + "subtract_mean", "Sub", in,
                    List.of(g.constant(PREFIX + "mean_image", scaling.meanImage(), withBatchOfOne(inputShape)))), g);
            case STANDARDIZE -> {
                long channels = inputShape[inputShape.length - 1];
                String centered = g.apply(PREFIX + "subtract_mean", "Sub", in,
                        List.of(g.constant(PREFIX + "channel_mean", scaling.channelMean(), channels)));
                yield g.apply(PREFIX + "divide_std", "Div", centered,
                        List.of(g.constant(PREFIX + "channel_std", scaling.channelStd(), channels)));
            }
        };
    }

    private static String divideBy255(String value, GraphBuilder g) {
        return g.apply(PREFIX + "scale", "Mul", value, List.of(g.scalar(PREFIX + "inv_255", INV_255)));
    }

    private static long[] withBatchOfOne(int[] shape) {
        long[] dims = new long[shape.length + 1];
        dims[0] = 1;
        for (int i = 0; i < shape.length; i++) {
            dims[i + 1] = shape[i];
        }
        return dims;
    }

    /** An input scaling read back, and how many nodes at the start of the chain it took. */
    record Recognised(InputScaling scaling, int nodes) {}

    /**
     * Reads back the nodes {@link #append} wrote for a scaling of {@code kind} at the start of
     * {@code chain}; throws naming the node that does not match.
     */
    static Recognised recognise(InputScaling.Kind kind, List<NodeProto> chain, ConstantValues constants,
                                int[] inputShape) {
        Reader r = new Reader(kind, chain, constants);
        long[] scalar = {};
        long[] channels = {inputShape[inputShape.length - 1]};
        switch (kind) {
            case UNIT:
                r.expectValue("Mul", scalar, INV_255);
                return new Recognised(InputScaling.unit(), 1);
            case CENTERED:
                r.expectValue("Mul", scalar, INV_255);
                r.expectValue("Sub", scalar, 0.5f);
                return new Recognised(InputScaling.centered(), 2);
            case MEAN_IMAGE: {
                float[] mean = r.operand("Sub", withBatchOfOne(inputShape));
                r.expectValue("Mul", scalar, INV_255);
                return new Recognised(InputScaling.meanImage(mean), 2);
            }
            case STANDARDIZE: {
                float[] mean = r.operand("Sub", channels);
                float[] std = r.operand("Div", channels);
                try {
                    return new Recognised(InputScaling.standardize(mean, std), 2);
                } catch (IllegalArgumentException e) {
                    throw new InvalidOnnx("input scaling 'standardize': " + e.getMessage());
                }
            }
            default:
                throw new AssertionError(kind);
        }
    }

    /** Walks the first nodes of a chain, checking each against the pattern of a scaling kind. */
    private static final class Reader {
        private final InputScaling.Kind kind;
        private final List<NodeProto> chain;
        private final ConstantValues constants;
        private int next;

        Reader(InputScaling.Kind kind, List<NodeProto> chain, ConstantValues constants) {
            this.kind = kind;
            this.chain = chain;
            this.constants = constants;
        }

        /** The constant second operand of the next node, which must be {@code op} with that operand's dims. */
        float[] operand(String op, long[] dims) {
            String expected = "input scaling '" + kind.toString().toLowerCase(Locale.ROOT) + "' (from the"
                    + " model's metadata) expects " + op + " by a constant of dims " + Arrays.toString(dims);
            if (next >= chain.size()) {
                throw new InvalidOnnx(expected + ", but the graph ends before it");
            }
            NodeProto node = chain.get(next++);
            if (!node.opType().equals(op)) {
                throw new InvalidOnnx(expected + " at " + node.describe());
            }
            TensorProto value = constants.input(node, 1, "operand");
            if (!Arrays.equals(value.dims(), dims)) {
                throw new InvalidOnnx(expected + "; " + node.describe() + " has dims " + Arrays.toString(value.dims()));
            }
            return value.floats();
        }

        void expectValue(String op, long[] dims, float value) {
            float found = operand(op, dims)[0];
            if (found != value) {
                throw new InvalidOnnx("input scaling '" + kind.toString().toLowerCase(Locale.ROOT)
                        + "' expects " + op + " by " + value + ", the graph has " + found);
            }
        }
    }
}
