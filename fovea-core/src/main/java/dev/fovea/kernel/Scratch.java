package dev.fovea.kernel;

/**
 * Per-thread arrays that kernels use within one call and never hand out: im2col columns, GEMM's
 * packed panels. Each thread keeps, for each use, the largest array it has needed, so warm calls
 * allocate nothing.
 *
 * <p>The kernels' work also runs on the shared {@link Parallel} pool, whose threads take tasks of
 * any caller. So a caller looks its arrays up before splitting the work and the tasks capture
 * them, while code that runs inside a task (GEMM's blocks) uses the running thread's own arrays
 * for a use no caller holds across a fork.
 */
final class Scratch {
    /** What an array is for; two uses never share an array. */
    enum Use {
        /** im2col columns, held by the calling thread across the tasks that fill and read them. */
        COLUMNS,
        /** A chunk of a gradient through a fused ReLU, held by the calling thread like the columns. */
        MASKED_GRADIENT,
        /** A convolution kernel turned for the input gradient, held by the calling thread like the columns. */
        TURNED_WEIGHTS,
        /**
         * A few images' convolution output on its way to max pooling: inside one task, or, when the
         * convolution is split across threads itself, held by the calling thread like the columns.
         */
        CONVOLVED_IMAGES,
        /** One-channel images padded with zeros for {@link DirectConvolution}, held by the calling thread. */
        PADDED_IMAGES,
        /** A convolution kernel packed by {@link Gemm#pack}, used inside one task. */
        TASK_KERNEL,
        /** im2col columns of a block of pixels, used inside one task. */
        TASK_COLUMNS,
        /** A block of a gradient through a fused ReLU, used inside one task. */
        TASK_MASKED_GRADIENT,
        /** One-channel images padded with zeros for {@link DirectConvolution}, used inside one task. */
        TASK_PADDED_IMAGES,
        /**
         * Sums of the weights' gradient for each block of pixels ({@link BlockedWeightGradient}), held by
         * the calling thread.
         */
        BLOCK_SUMS,
        /** The last block of a convolution's output gradient, with room past it ({@link BlockedWeightGradient}). */
        TASK_LAST_GRADIENT_BLOCK,
        /** A one-channel image with each value repeated ({@link VectorFewFilterConvolution}), inside one task. */
        TASK_EXPANDED_IMAGE,
        /** {@link VectorFewFilterConvolution}'s weights for each filter a vector can start at, inside one task. */
        TASK_EXPANDED_WEIGHTS,
        /** {@link VectorFewFilterConvolution}'s bias laid out likewise, used inside one task. */
        TASK_EXPANDED_BIAS,
        /** GEMM's packed block of A, used inside one task. */
        PACKED_A,
        /** GEMM's packed panel of B, used inside one task. */
        PACKED_B,
        /** GEMM's private block of C when threads split C by columns, used inside one task. */
        COLUMN_BLOCK,
        /** A vector of column sums for {@link VectorRowKernels}, used inside one task. */
        ROW_SUMS,
        /** A micro-kernel's MR x NR tile sums, used inside one task. */
        TILE
    }

    private static final ThreadLocal<float[][]> ARRAYS =
            ThreadLocal.withInitial(() -> new float[Use.values().length][]);

    private Scratch() {}

    /** This thread's array for {@code use}, of at least {@code length} values; its contents are undefined. */
    static float[] floats(Use use, int length) {
        float[][] arrays = ARRAYS.get();
        float[] a = arrays[use.ordinal()];
        if (a == null || a.length < length) {
            a = new float[length];
            arrays[use.ordinal()] = a;
        }
        return a;
    }
}
