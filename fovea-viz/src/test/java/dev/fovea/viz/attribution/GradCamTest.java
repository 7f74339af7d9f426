package dev.fovea.viz.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fovea.data.InputScaling;
import dev.fovea.model.Sequential;
import dev.fovea.nn.ActivationFunction;
import dev.fovea.nn.Conv2D;
import dev.fovea.nn.Dense;
import dev.fovea.nn.Flatten;
import dev.fovea.nn.MaxPooling2D;
import dev.fovea.testing.Approx;
import org.junit.jupiter.api.Test;

class GradCamTest {
    /** Pixels of a 2x2 grey image; centred scaling (x / 255 - 0.5) makes them -0.5, -0.1, 0.3, 0.5. */
    private static final float[] PIXELS = {0, 102, 204, 255};

    /**
     * A 1x1 conv with filters +1 and -1, so A_0 = x and A_1 = -x; Flatten; Dense 2 softmax. The
     * flattened index of A_k at (y, x) is (2y + x) 2 + k. The logit of class 0 weighs A_0 by 1, 2, 3, 2
     * (mean 2) and A_1 by 1, 1, 0, 2 (mean 1); class 1 weighs A_0 by 0 and A_1 by 4 everywhere.
     */
    private static Sequential model() {
        Conv2D conv = new Conv2D(2, 1, ActivationFunction.LINEAR);
        Dense dense = new Dense(2, ActivationFunction.SOFTMAX);
        Sequential model = new Sequential(2, 2, 1).add(conv, new Flatten(), dense);
        model.inputScaling(InputScaling.centered());
        float[] k = conv.parameters().get("kernel").data();
        k[0] = 1f;
        k[1] = -1f;
        float[] w = dense.parameters().get("kernel").data(); // [8, 2]: index i * 2 + class
        float[] class0A0 = {1, 2, 3, 2};
        float[] class0A1 = {1, 1, 0, 2};
        for (int p = 0; p < 4; p++) {
            w[(p * 2) * 2] = class0A0[p];
            w[(p * 2 + 1) * 2] = class0A1[p];
            w[(p * 2 + 1) * 2 + 1] = 4f;
        }
        return model;
    }

    @Test
    void theCoarseMapIsTheReluOfTheGradientWeightedChannels() {
        // Class 0: alpha = (2, 1), so the map is ReLU(2 x - x) = ReLU(x) = 0, 0, 0.3, 0.5.
        Approx.assertClose("class 0", new float[] {0f, 0f, 0.3f, 0.5f},
                GradCam.coarse(model(), PIXELS, 0, 0), 1e-6, 0);
        // Class 1: alpha = (0, 4), so the map is ReLU(-4 x) = 2, 0.4, 0, 0.
        Approx.assertClose("class 1", new float[] {2f, 0.4f, 0f, 0f},
                GradCam.coarse(model(), PIXELS, 1, 0), 1e-6, 0);
    }

    @Test
    void atTheInputsResolutionTheMapIsTheCoarseMapOverItsMaximum() {
        Sequential model = model();
        assertEquals(0, GradCam.lastConvLayer(model));
        // Class 0's coarse map 0, 0, 0.3, 0.5 over its maximum; a 2x2 map resized to 2x2 is itself.
        Approx.assertClose("class 0 map", new float[] {0f, 0f, 0.6f, 1f}, GradCam.map(model, PIXELS, 0), 1e-6, 0);
    }

    @Test
    void aPooledLayerIsResizedUpToTheInput() {
        // Conv 1x1 (+1, -1) on a 4x4 image, max pooling 2 -> 2x2, then the same dense head: the coarse
        // map lives on the pooled grid when taken at the pool, and is resized 2 -> 4.
        Conv2D conv = new Conv2D(2, 1, ActivationFunction.LINEAR);
        Dense dense = new Dense(2, ActivationFunction.SOFTMAX);
        Sequential model = new Sequential(4, 4, 1).add(conv, new MaxPooling2D(2), new Flatten(), dense);
        model.inputScaling(InputScaling.centered());
        conv.parameters().get("kernel").data()[0] = 1f;
        conv.parameters().get("kernel").data()[1] = -1f;
        float[] w = dense.parameters().get("kernel").data();
        for (int p = 0; p < 4; p++) {
            w[(p * 2) * 2] = 1f; // class 0 = sum of the pooled A_0: alpha = (1, 0), map = ReLU(pooled x)
        }
        // Pooled x (max of each 2x2 block, scaled): blocks hold at most 0 (top-left), 255 (top-right),
        // 153 (bottom-left), 51 (bottom-right) -> 0.5 - 0.5 = 0, 0.5, 0.1, -0.3.
        float[] pixels = {
                0, 0, 255, 0,
                0, 0, 0, 0,
                153, 0, 51, 0,
                0, 0, 0, 0};
        Approx.assertClose("coarse", new float[] {0f, 0.5f, 0.1f, 0f}, GradCam.coarse(model, pixels, 0, 1), 1e-6, 0);
        // Over its maximum 0.5: [[0, 1], [0.2, 0]], resized as in the test above.
        float[] expected = HeatMaps.upsample(new float[] {0f, 1f, 0.2f, 0f}, 2, 2, 4, 4);
        Approx.assertClose("map", expected, GradCam.map(model, pixels, 0, 1), 1e-6, 0);
        // Row 1, column 1 samples (0.25, 0.25): .75 (.75 0 + .25 1) + .25 (.75 .2 + .25 0) = .225.
        assertEquals(0.225f, expected[1 * 4 + 1], 1e-6);
    }
}
