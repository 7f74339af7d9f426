package dev.fovea.onnx;

import dev.fovea.model.Model;
import dev.fovea.testing.Approx;
import java.util.Arrays;
import java.util.SplittableRandom;

/** What the ONNX tests compare: batches of random pixels, Fovea's outputs for them, and the tolerance. */
final class Outputs {
    private Outputs() {}

    /** {@code count} images of random integer pixel values 0-255, NHWC, one after another. */
    static float[] randomPixels(long seed, int count, int[] imageShape) {
        SplittableRandom random = new SplittableRandom(seed);
        int size = imageShape[0] * imageShape[1] * imageShape[2];
        float[] pixels = new float[count * size];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(256);
        }
        return pixels;
    }

    /** Fovea's outputs for each image of a batch, one after another, through {@link Model#predictPixels}. */
    static float[] predictEach(Model model, float[] pixels, int count) {
        int size = pixels.length / count;
        float[] first = model.predictPixels(Arrays.copyOfRange(pixels, 0, size));
        float[] all = new float[count * first.length];
        System.arraycopy(first, 0, all, 0, first.length);
        for (int i = 1; i < count; i++) {
            float[] out = model.predictPixels(Arrays.copyOfRange(pixels, i * size, (i + 1) * size));
            System.arraycopy(out, 0, all, i * first.length, out.length);
        }
        return all;
    }

    /**
     * Within 1e-4 absolute, and for small values (a probability among 1000 classes) also within
     * 1e-3 relative, so that a wrong feature order cannot hide behind the absolute tolerance.
     */
    static void assertMatch(String what, float[] expected, float[] actual) {
        Approx.assertWithin(what, null, expected, actual, i -> Math.min(1e-4, 1e-6 + 1e-3 * Math.abs(expected[i])));
    }

    /** The batch [N, H, W, C] dims for ONNX Runtime. */
    static long[] batchDims(int count, int[] shape) {
        long[] dims = new long[shape.length + 1];
        dims[0] = count;
        for (int i = 0; i < shape.length; i++) {
            dims[i + 1] = shape[i];
        }
        return dims;
    }

    /** A batch of NCHW values of {@code dims} [N, C, H, W] in Fovea's NHWC order. */
    static float[] toNhwc(float[] nchw, int[] dims) {
        int n = dims[0];
        int c = dims[1];
        int h = dims[2];
        int w = dims[3];
        float[] out = new float[nchw.length];
        for (int b = 0; b < n; b++) {
            for (int ci = 0; ci < c; ci++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        out[((b * h + y) * w + x) * c + ci] = nchw[((b * c + ci) * h + y) * w + x];
                    }
                }
            }
        }
        return out;
    }
}
