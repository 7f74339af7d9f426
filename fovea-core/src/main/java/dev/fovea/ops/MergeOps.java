package dev.fovea.ops;

import dev.fovea.tensor.Shapes;
import dev.fovea.tensor.Tensor;
import dev.fovea.tensor.Workspace;
import java.util.Arrays;
import java.util.List;

/**
 * Ops that merge several tensors into one, as residual and multi-branch networks need: the
 * element-wise sum, and the concatenation along the last (channel) axis.
 */
public final class MergeOps {
    private MergeOps() {}

    /** The element-wise sum of two or more tensors of one shape. */
    public static Tensor add(List<Tensor> inputs) {
        return add(inputs, new Workspace());
    }

    /** {@link #add(List)}, its output array reused through {@code workspace}. */
    public static Tensor add(List<Tensor> inputs, Workspace workspace) {
        requireSeveral("add", inputs);
        int[] shape = inputs.get(0).shape();
        for (Tensor t : inputs) {
            if (!Arrays.equals(shape, t.shape())) {
                throw new IllegalArgumentException("add needs inputs of one shape, got " + shapes(inputs));
            }
        }
        Tensor[] in = inputs.toArray(Tensor[]::new);
        float[] y = workspace.array(0, in[0].size(), in);
        System.arraycopy(in[0].data(), 0, y, 0, y.length);
        for (int k = 1; k < in.length; k++) {
            float[] x = in[k].data();
            for (int i = 0; i < y.length; i++) {
                y[i] += x[i];
            }
        }
        return workspace.result(y, shape, dy -> {
            // d(sum)/d(each input) is 1: every input receives the whole gradient. An input given
            // twice receives it twice, as x + x = 2x needs.
            for (Tensor t : in) {
                if (t.requiresGrad()) {
                    float[] g = t.gradForUpdate();
                    for (int i = 0; i < dy.length; i++) {
                        g[i] += dy[i];
                    }
                }
            }
        }, in);
    }

    /** Two or more tensors joined along the last axis; all other dimensions must agree. */
    public static Tensor concatenate(List<Tensor> inputs) {
        return concatenate(inputs, new Workspace());
    }

    /** {@link #concatenate(List)}, its output array reused through {@code workspace}. */
    public static Tensor concatenate(List<Tensor> inputs, Workspace workspace) {
        requireSeveral("concatenate", inputs);
        Tensor[] in = inputs.toArray(Tensor[]::new);
        int[] shape = in[0].shape();
        if (shape.length == 0) {
            throw new IllegalArgumentException("concatenate needs inputs with an axis to join, got scalars");
        }
        int last = shape.length - 1;
        int[] widths = new int[in.length];
        int total = 0;
        for (int k = 0; k < in.length; k++) {
            int[] s = in[k].shape();
            if (s.length != shape.length || !Arrays.equals(Arrays.copyOf(s, last), Arrays.copyOf(shape, last))) {
                throw new IllegalArgumentException("concatenate needs inputs that differ only in their last axis, got "
                        + shapes(inputs));
            }
            widths[k] = s[last];
            total = Math.addExact(total, widths[k]);
        }
        int rows = (int) Shapes.size(Arrays.copyOf(shape, last));
        int[] outShape = shape.clone();
        outShape[last] = total;
        float[] y = workspace.array(0, Math.multiplyExact(rows, total), in);
        int offset = 0;
        for (int k = 0; k < in.length; k++) {
            float[] x = in[k].data();
            for (int r = 0; r < rows; r++) {
                System.arraycopy(x, r * widths[k], y, r * total + offset, widths[k]);
            }
            offset += widths[k];
        }
        int width = total;
        return workspace.result(y, outShape, dy -> {
            int start = 0;
            for (int k = 0; k < in.length; k++) {
                int w = widths[k];
                if (in[k].requiresGrad()) {
                    float[] g = in[k].gradForUpdate();
                    for (int r = 0; r < rows; r++) {
                        for (int c = 0; c < w; c++) {
                            g[r * w + c] += dy[r * width + start + c];
                        }
                    }
                }
                start += w;
            }
        }, in);
    }

    private static void requireSeveral(String op, List<Tensor> inputs) {
        if (inputs.size() < 2) {
            throw new IllegalArgumentException(op + " needs two or more inputs, got " + inputs.size());
        }
    }

    private static String shapes(List<Tensor> inputs) {
        return String.join(", ", inputs.stream().map(t -> Shapes.toString(t.shape())).toList());
    }
}
