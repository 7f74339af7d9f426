package dev.fovea.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Loss values are float32 results of a few exp/log operations: 1e-6 is a few ulp at these magnitudes. */
class LossTest {
    private static final double TOLERANCE = 1e-6;
    private static final float[] LOGITS = {1f, 2f, 0.5f};

    @Test
    void eachLossFusesTheActivationItsFormulaIncludes() {
        assertEquals(ActivationFunction.SOFTMAX, Loss.sparseCategoricalCrossentropy().fusedActivation());
        assertEquals(ActivationFunction.SOFTMAX, Loss.sparseCategoricalCrossentropy(0.1f).fusedActivation());
        assertEquals(ActivationFunction.SIGMOID, Loss.binaryCrossentropy().fusedActivation());
        assertEquals(ActivationFunction.LINEAR, Loss.meanSquaredError().fusedActivation());
    }

    @Test
    void withLabelSmoothingGivesTheSmoothedCrossEntropyAndRefusesOtherLosses() {
        Tensor logits = Tensor.of(LOGITS.clone(), 1, 3);
        float expected = Loss.sparseCategoricalCrossentropy(0.2f).compute(logits, new int[] {1}).item();
        Tensor again = Tensor.of(LOGITS.clone(), 1, 3);
        assertEquals(expected, Loss.sparseCategoricalCrossentropy().withLabelSmoothing(0.2f)
                .compute(again, new int[] {1}).item());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Loss.meanSquaredError().withLabelSmoothing(0.1f));
        assertTrue(e.getMessage().contains("softmax cross-entropy"), e.getMessage());
    }

    @Test
    void crossEntropyIsMinusTheLogSoftmaxOfTheLabel() {
        double logSum = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(0.5));
        float loss = Loss.sparseCategoricalCrossentropy().compute(Tensor.of(LOGITS.clone(), 1, 3), new int[] {0}).item();
        assertEquals(logSum - 1, loss, TOLERANCE);
    }

    @Test
    void labelSmoothingMixesTheOneHotTargetWithAUniformOne() {
        // Targets (1 - 0.1) * [1, 0, 0] + 0.1 / 3: cross-entropy -sum(t_j log p_j).
        double logSum = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(0.5));
        double[] target = {0.9 + 0.1 / 3, 0.1 / 3, 0.1 / 3};
        double expected = 0;
        for (int j = 0; j < 3; j++) {
            expected -= target[j] * (LOGITS[j] - logSum);
        }
        float loss = Loss.sparseCategoricalCrossentropy(0.1f).compute(Tensor.of(LOGITS.clone(), 1, 3), new int[] {0})
                .item();
        assertEquals(expected, loss, TOLERANCE);
    }

    @Test
    void rejectsLabelSmoothingOutsideZeroToOne() {
        for (float s : new float[] {-0.1f, 1f, Float.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Loss.sparseCategoricalCrossentropy(s), "smoothing " + s);
            assertTrue(e.getMessage().contains("label smoothing must be in [0, 1)"), e.getMessage());
        }
    }

    @Test
    void binaryCrossEntropyTakesLogitsAndLabelsAsTargets() {
        // mean(softplus(-z) for label 1, softplus(z) for label 0).
        float loss = Loss.binaryCrossentropy().compute(Tensor.of(new float[] {0.5f, -1f}, 2, 1), new int[] {1, 0})
                .item();
        assertEquals((Math.log1p(Math.exp(-0.5)) + Math.log1p(Math.exp(-1))) / 2, loss, TOLERANCE);
    }

    @Test
    void binaryCrossEntropyNeedsOneOutputPerExample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Loss.binaryCrossentropy().compute(Tensor.of(new float[4], 2, 2), new int[] {0, 1}));
        assertTrue(e.getMessage().contains("one output per example"), e.getMessage());
    }

    @Test
    void meanSquaredErrorComparesOutputsWithOneHotLabels() {
        // Targets [0, 1, 0]: ((0.2)^2 + (0.5 - 1)^2 + 0.1^2) / 3 = 0.1.
        float loss = Loss.meanSquaredError().compute(Tensor.of(new float[] {0.2f, 0.5f, 0.1f}, 1, 3), new int[] {1})
                .item();
        assertEquals(0.1, loss, TOLERANCE);
    }

    @Test
    void meanSquaredErrorComparesASingleOutputWithTheLabelItself() {
        // ((0.2 - 0)^2 + (0.9 - 1)^2) / 2 = 0.025.
        float loss = Loss.meanSquaredError().compute(Tensor.of(new float[] {0.2f, 0.9f}, 2, 1), new int[] {0, 1})
                .item();
        assertEquals(0.025, loss, TOLERANCE);
    }

    @Test
    void parseReadsKerasAndPyTorchNames() {
        assertEquals("sparse_categorical_crossentropy", Loss.parse("cross_entropy").toString());
        assertEquals("binary_crossentropy", Loss.parse(" Binary_Crossentropy ").toString());
        assertEquals("mean_squared_error", Loss.parse("mse").toString());
        assertEquals("sparse_categorical_crossentropy(label_smoothing=0.1)",
                Loss.sparseCategoricalCrossentropy(0.1f).toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Loss.parse("hinge"));
        assertTrue(e.getMessage().contains("unknown loss 'hinge'"), e.getMessage());
    }

    @Test
    void aLabelOutsideTheOutputsIsAnErrorNotAnotherRowsTarget() {
        Tensor outputs = Tensor.of(new float[6], 2, 3);
        IllegalArgumentException mse = assertThrows(IllegalArgumentException.class,
                () -> Loss.meanSquaredError().compute(outputs, new int[] {3, 0}));
        assertTrue(mse.getMessage().contains("label 3 of example 0 is outside 0..2"), mse.getMessage());
        IllegalArgumentException bce = assertThrows(IllegalArgumentException.class,
                () -> Loss.binaryCrossentropy().compute(Tensor.of(new float[2], 2, 1), new int[] {0, 2}));
        assertTrue(bce.getMessage().contains("label 2 of example 1 is outside 0..1"), bce.getMessage());
    }

}
