package dev.fovea.viz.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fovea.model.Sequential;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.AveragePooling2D;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.ForwardContext;
import dev.fovea.tensor.NoGrad;
import dev.fovea.tensor.Tensor;
import dev.fovea.testing.Approx;
import dev.fovea.viz.ModelInput;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SaliencyTest {
    private static final int H = 6;
    private static final int W = 5;
    private static final int C = 2;

    /** Smooth layers (tanh, average pooling) so central differences are accurate. */
    private static Sequential smallModel() {
        Sequential model = new Sequential(H, W, C).add(
                new Conv2D(3, 3, ActivationFunction.TANH), new AveragePooling2D(2), new Flatten(),
                new Dense(3, ActivationFunction.SOFTMAX));
        model.initialize(9);
        return model;
    }

    private static float[] randomPixels(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] pixels = new float[H * W * C];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(256);
        }
        return pixels;
    }

    /** The logit of class k for a scaled input, computed by the model's own forward, without the softmax. */
    private static double logit(Sequential model, float[] scaled, int k) {
        try (NoGrad scope = NoGrad.enter()) {
            Tensor out = model.forwardBefore(ActivationFunction.SOFTMAX, Tensor.of(scaled, 1, H, W, C),
                    ForwardContext.INFERENCE);
            return out.data()[k];
        }
    }

    @Test
    void theGradientEqualsCentralDifferencesOfTheLogit() {
        Sequential model = smallModel();
        float[] pixels = randomPixels(1);
        float[] scaled = ModelInput.scaled(model, pixels).data();
        for (int k = 0; k < 3; k++) {
            float[] gradient = Saliency.gradient(model, pixels, k);
            float[] numeric = new float[gradient.length];
            float h = 1e-2f;
            for (int i = 0; i < scaled.length; i++) {
                float[] plus = scaled.clone();
                float[] minus = scaled.clone();
                plus[i] += h;
                minus[i] -= h;
                numeric[i] = (float) ((logit(model, plus, k) - logit(model, minus, k)) / (2 * h));
            }
            Approx.assertClose("d logit " + k + " / d input", new int[] {H, W, C}, numeric, gradient, 2e-3, 1e-2);
        }
    }

    @Test
    void theMapIsTheLargestAbsoluteGradientOverChannelsOverItsMaximum() {
        Sequential model = smallModel();
        float[] pixels = randomPixels(2);
        float[] g = Saliency.gradient(model, pixels, 1);
        float[] expected = new float[H * W];
        float max = 0;
        for (int p = 0; p < H * W; p++) {
            expected[p] = Math.max(Math.abs(g[2 * p]), Math.abs(g[2 * p + 1]));
            max = Math.max(max, expected[p]);
        }
        for (int p = 0; p < H * W; p++) {
            expected[p] /= max;
        }
        float[] map = Saliency.map(model, pixels, 1);
        Approx.assertClose("saliency map", expected, map, 1e-6, 0);
        float top = 0;
        for (float v : map) {
            top = Math.max(top, v);
        }
        assertEquals(1f, top);
    }

    @Test
    void weightGradientsAreLeftAsTheyWere() {
        Sequential model = smallModel();
        Tensor kernel = model.layers().get(0).parameters().get("kernel");
        float[] before = new float[kernel.size()];
        for (int i = 0; i < before.length; i++) {
            before[i] = i * 0.5f;
        }
        System.arraycopy(before, 0, kernel.gradForUpdate(), 0, before.length);
        Tensor denseKernel = model.layers().get(3).parameters().get("kernel");
        assertNull(denseKernel.grad());

        Saliency.map(model, randomPixels(3), 0);
        assertArrayEquals(before, kernel.grad());
        assertNull(denseKernel.grad(), "a weight without a gradient still has none");
        assertEquals(true, kernel.requiresGrad());
    }

    @Test
    void rejectsAClassTheModelDoesNotHave() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Saliency.map(smallModel(), randomPixels(4), 3));
        assertEquals("class 3 is not among the model's 0..2", e.getMessage());
    }
}
