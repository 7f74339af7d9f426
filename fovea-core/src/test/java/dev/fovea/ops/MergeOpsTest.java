package dev.fovea.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fovea.tensor.NoGrad;
import dev.fovea.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values worked out by hand, and the inputs the merges refuse. */
class MergeOpsTest {
    private static final Tensor A = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
    private static final Tensor B = Tensor.of(new float[] {10, 20, 30, 40}, 2, 2);
    private static final Tensor C = Tensor.of(new float[] {-1, -2}, 2, 1);

    @Test
    void addSumsElementWise() {
        assertArrayEquals(new float[] {11, 22, 33, 44}, MergeOps.add(List.of(A, B)).data());
        assertArrayEquals(new float[] {12, 24, 36, 48}, MergeOps.add(List.of(A, B, A)).data());
    }

    @Test
    void concatenateJoinsRowByRowAlongTheLastAxis() {
        Tensor y = MergeOps.concatenate(List.of(A, C, B));
        assertArrayEquals(new int[] {2, 5}, y.shape());
        assertArrayEquals(new float[] {1, 2, -1, 10, 20, 3, 4, -2, 30, 40}, y.data());
    }

    @Test
    void mergesOfConstantsRecordNothing() {
        try (NoGrad scope = NoGrad.enter()) {
            Tensor p = Tensor.parameter(new float[] {1, 2, 3, 4}, 2, 2);
            assertFalse(MergeOps.add(List.of(p, A)).requiresGrad());
        }
        assertTrue(MergeOps.add(List.of(Tensor.parameter(new float[] {1, 2, 3, 4}, 2, 2), A)).requiresGrad());
    }

    @Test
    void refusesFewerThanTwoInputsAndMismatchedShapes() {
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> MergeOps.add(List.of(A)));
        assertTrue(one.getMessage().contains("two or more inputs, got 1"), one.getMessage());
        IllegalArgumentException add = assertThrows(IllegalArgumentException.class, () -> MergeOps.add(List.of(A, C)));
        assertTrue(add.getMessage().contains("(2, 2), (2, 1)"), add.getMessage());
        Tensor otherRows = Tensor.of(new float[3], 3, 1);
        IllegalArgumentException concat = assertThrows(IllegalArgumentException.class,
                () -> MergeOps.concatenate(List.of(A, otherRows)));
        assertTrue(concat.getMessage().contains("differ only in their last axis, got (2, 2), (3, 1)"), concat.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MergeOps.concatenate(List.of(A, Tensor.of(new float[4], 4))));
    }
}
