package dev.fovea.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.ops.ActivationOps;
import dev.fovea.testing.TestOps;
import org.junit.jupiter.api.Test;

/**
 * When a {@link Workspace} hands an op the previous result's arrays, and that nobody can then
 * read stale or shared values: the rule is "reuse only for a recorded forward, only after the
 * previous result was back-propagated, only at the same size".
 */
class WorkspaceTest {
    private static final float[] R = {1f, -2f, 3f, 0.5f};

    /** tanh of a parameter through {@code workspace}, back-propagated from sum(y * R) when {@code backward}. */
    private static Tensor step(Tensor w, Workspace workspace, boolean backward) {
        Tensor y = ActivationOps.tanh(w, workspace);
        if (backward) {
            TestOps.weightedSum(y, R).backward();
        }
        return y;
    }

    private static Tensor parameter() {
        return Tensor.parameter(new float[] {0.1f, -0.4f, 0.8f, 1.5f}, 4);
    }

    @Test
    void afterBackwardTheNextRecordedForwardReusesTheArraysAndTheOldOutputRefusesReads() {
        Workspace workspace = new Workspace();
        Tensor w = parameter();
        Tensor first = step(w, workspace, true);
        float[] values = first.data();
        float[] gradient = first.grad();
        Tensor second = step(w, workspace, false);
        assertSame(values, second.data(), "the output array is reused");
        IllegalStateException e = assertThrows(IllegalStateException.class, first::data);
        assertTrue(e.getMessage().contains("overwritten"), e.getMessage());
        assertThrows(IllegalStateException.class, first::grad);
        assertNull(second.grad(), "no gradient has reached the new output yet");
        TestOps.weightedSum(second, R).backward();
        assertSame(gradient, second.grad(), "the gradient array is reused");
    }

    @Test
    void withoutBackwardInBetweenEachForwardGetsItsOwnArrays() {
        Workspace workspace = new Workspace();
        Tensor w = parameter();
        Tensor first = step(w, workspace, false);
        float[] copy = first.data().clone();
        // The same site twice in one graph (a layer applied twice) must not overwrite its first output.
        Tensor second = ActivationOps.tanh(first, workspace);
        assertNotSame(first.data(), second.data());
        assertArrayEquals(copy, first.data());
        TestOps.weightedSum(second, R).backward();
        assertTrue(w.grad()[0] != 0, "both applications are back-propagated");
    }

    @Test
    void inferenceNeverTouchesTheArrays() {
        Workspace workspace = new Workspace();
        Tensor w = parameter();
        Tensor trained = step(w, workspace, true);
        float[] trainedValues = trained.data().clone();
        Tensor a;
        Tensor b;
        try (NoGrad scope = NoGrad.enter()) {
            a = step(w, workspace, false);
            w.data()[0] = 2f;
            b = step(w, workspace, false);
        }
        assertNotSame(a.data(), b.data(), "two inference outputs never share an array");
        assertNotSame(trained.data(), a.data());
        assertArrayEquals(trainedValues, trained.data(), "inference left the training output alone");
        assertTrue(a.data()[0] != b.data()[0], "each inference output keeps its own values");
    }

    @Test
    void aReusedOutputGetsTheSameGradientsAsAFreshOne() {
        Workspace workspace = new Workspace();
        Tensor w = parameter();
        step(w, workspace, true);
        w.zeroGrad();
        w.data()[1] = 0.3f;
        step(w, workspace, true);
        float[] reused = w.grad().clone();

        Tensor fresh = Tensor.parameter(w.data().clone(), 4);
        step(fresh, new Workspace(), true);
        assertArrayEquals(fresh.grad(), reused, "nothing of the first step's gradient is left over");
    }

    @Test
    void anotherSizeGetsANewArray() {
        Workspace workspace = new Workspace();
        Tensor first = step(parameter(), workspace, true);
        float[] values = first.data();
        Tensor smaller = ActivationOps.tanh(Tensor.parameter(new float[] {1f, 2f}, 2), workspace);
        assertNotSame(values, smaller.data());
        assertTrue(smaller.data().length == 2);
    }

    @Test
    void backwardThroughAGraphWhoseArraysWereReusedThrows() {
        Workspace workspace = new Workspace();
        Tensor w = parameter();
        Tensor loss = TestOps.weightedSum(step(w, workspace, false), R);
        loss.backward();
        step(w, workspace, false);
        assertThrows(IllegalStateException.class, loss::backward);
    }

    @Test
    void scratchIsReusedAtTheSameSize() {
        Workspace workspace = new Workspace();
        float[] a = workspace.scratch(5);
        assertSame(a, workspace.scratch(5));
        assertTrue(workspace.scratch(3).length == 3);
    }
}
