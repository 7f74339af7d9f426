package dev.fovea.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.ops.ActivationOps;
import dev.fovea.ops.DenseOps;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** NoGrad scopes: nothing is recorded inside, values are unchanged, and scopes nest per thread. */
@SuppressWarnings("try") // scopes are used only for their effect
class NoGradTest {
    private final Tensor w = Tensor.parameter(new float[] {0.5f, -1f, 2f, 0.25f}, 2, 2);
    private final Tensor x = Tensor.of(new float[] {1f, 2f}, 1, 2);

    @Test
    void opsInsideRecordNothingButComputeTheSameValues() {
        Tensor recorded = DenseOps.dense(x, w, null);
        Tensor unrecorded;
        try (NoGrad scope = NoGrad.enter()) {
            unrecorded = ActivationOps.tanh(DenseOps.dense(x, w, null));
            assertFalse(unrecorded.requiresGrad());
            assertFalse(w.reshape(4).requiresGrad(), "reshape records nothing either");
        }
        assertTrue(recorded.requiresGrad());
        assertArrayEquals(ActivationOps.tanh(recorded).data(), unrecorded.data());
    }

    @Test
    void scopesNestAndRecordingResumesAfterTheOutermostCloses() {
        try (NoGrad outer = NoGrad.enter()) {
            try (NoGrad inner = NoGrad.enter()) {
                assertTrue(NoGrad.isActive());
            }
            assertTrue(NoGrad.isActive(), "closing the inner scope keeps the outer one");
            assertFalse(DenseOps.dense(x, w, null).requiresGrad());
        }
        assertFalse(NoGrad.isActive());
        assertTrue(DenseOps.dense(x, w, null).requiresGrad());
    }

    @Test
    void scopeOnOneThreadDoesNotAffectAnother() throws InterruptedException {
        AtomicBoolean otherThreadRecords = new AtomicBoolean();
        try (NoGrad scope = NoGrad.enter()) {
            Thread t = new Thread(() -> otherThreadRecords.set(DenseOps.dense(x, w, null).requiresGrad()));
            t.start();
            t.join();
        }
        assertTrue(otherThreadRecords.get());
    }
}
