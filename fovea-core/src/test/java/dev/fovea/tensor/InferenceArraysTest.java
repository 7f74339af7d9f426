package dev.fovea.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.ops.ActivationOps;
import org.junit.jupiter.api.Test;

/**
 * Which arrays an {@link InferenceArrays} scope hands out again: only its own, only once released
 * under {@link NoGrad}, only at the same size, only to its inner ops (not an inner scope's), and
 * never the array of a tensor in a graph.
 */
class InferenceArraysTest {
    private static final float[] X = {0.1f, -0.4f, 0.8f, 1.5f};

    /** tanh of a constant: an op that records nothing, as in inference. */
    private static Tensor op(float[] values) {
        return ActivationOps.tanh(Tensor.of(values.clone(), values.length), new Workspace());
    }

    @Test
    void aReleasedOutputsArrayGoesToTheNextOpOfItsSizeAndTheReleasedTensorRefusesReads() {
        try (NoGrad noGrad = NoGrad.enter(); InferenceArrays scope = InferenceArrays.enter()) {
            Tensor first = op(X);
            float[] array = first.data();
            InferenceArrays.release(first);
            IllegalStateException stale = assertThrows(IllegalStateException.class, first::data);
            assertTrue(stale.getMessage().contains("released"), stale.getMessage());

            Tensor second = op(new float[] {2f, -1f, 0f, 0.5f});
            assertSame(array, second.data());
            assertArrayEquals(op(new float[] {2f, -1f, 0f, 0.5f}).data(), second.data(), "overwritten in full");
            assertNotSame(array, op(new float[] {1f, 2f, 3f}).data(), "another size gets another array");
        }
    }

    @Test
    void withoutAScopeNothingIsReused() {
        try (NoGrad noGrad = NoGrad.enter()) {
            assertNotTakenBack(op(X), "outside a scope");
        }
    }

    @Test
    void outsideNoGradNothingIsReleasedForARecordingOpMayKeepItsInput() {
        // A frozen layer's output (no graph of its own) read by a trainable layer, which keeps it for its backward.
        try (InferenceArrays scope = InferenceArrays.enter()) {
            assertNotTakenBack(op(X), "outside NoGrad");
        }
    }

    @Test
    void arraysTheScopeDidNotHandOutAreNeverTakenBack() {
        try (NoGrad noGrad = NoGrad.enter(); InferenceArrays scope = InferenceArrays.enter()) {
            assertNotTakenBack(Tensor.of(X.clone(), 4), "the caller's");

            Tensor made = op(X);
            Tensor view = made.reshape(2, 2);
            InferenceArrays.release(made);
            InferenceArrays.release(view); // a second release of one array must not hand it out twice
            assertNotSame(op(X).data(), op(X).data());
        }
    }

    @Test
    void aTensorInAGraphIsNeverReleased() {
        try (InferenceArrays scope = InferenceArrays.enter()) {
            assertNotTakenBack(ActivationOps.tanh(Tensor.parameter(X.clone(), 4), new Workspace()), "in a graph");
        }
    }

    @Test
    void anInnerScopeKeepsItsArraysToItselfAndClosingItRestoresTheOuter() {
        try (NoGrad noGrad = NoGrad.enter(); InferenceArrays outer = InferenceArrays.enter()) {
            Tensor outerOutput = op(X);
            float[] outerArray = outerOutput.data();
            float[] innerArray;
            try (InferenceArrays inner = InferenceArrays.enter()) {
                InferenceArrays.release(outerOutput);
                assertSame(outerArray, outerOutput.data(), "the inner scope did not hand that array out");
                Tensor innerOutput = op(X);
                innerArray = innerOutput.data();
                InferenceArrays.release(innerOutput);
            }
            assertNotSame(innerArray, op(X).data(), "the inner scope's released arrays end with it");
            InferenceArrays.release(outerOutput);
            assertSame(outerArray, op(X).data());
        }
    }

    /** Releasing t leaves it readable, and the next op of its size gets another array. */
    private static void assertNotTakenBack(Tensor t, String which) {
        float[] array = t.data();
        InferenceArrays.release(t);
        assertSame(array, t.data(), which + " tensor stays readable");
        assertNotSame(array, op(new float[array.length]).data(), which + " array is not handed out again");
    }

    @Test
    void scopesCloseInnermostFirst() {
        InferenceArrays outer = InferenceArrays.enter();
        InferenceArrays inner = InferenceArrays.enter();
        assertThrows(IllegalStateException.class, outer::close);
        inner.close();
        outer.close();
    }
}
