package dev.fovea.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowKernels} with the Vector API, a vector of columns at a time; the columns past the last
 * whole vector go to the plain-Java kernel (but those of {@link #sumRows}: see
 * {@link #sumTail}). {@link Gemm} loads this class reflectively, only when
 * the module {@code jdk.incubator.vector} is present.
 */
final class VectorRowKernels implements RowKernels {
    private static final VectorSpecies<Float> S = VectorMicroKernel.SPECIES;
    private static final int L = S.length();
    private static final RowKernels TAIL = new ScalarRowKernels();

    @Override
    public void biasRelu(float[] c, int cOff, int ldc, int rows, int j0, int j1, float[] bias, boolean relu) {
        int vectorEnd = j0 + S.loopBound(j1 - j0);
        FloatVector zero = FloatVector.zero(S);
        // One loop per case, as in the micro-kernel: vectors merged through a branch can be boxed.
        for (int i = 0; i < rows; i++) {
            int row = cOff + i * ldc;
            if (bias != null && relu) {
                for (int j = j0; j < vectorEnd; j += L) {
                    FloatVector.fromArray(S, c, row + j).add(FloatVector.fromArray(S, bias, j)).max(zero)
                            .intoArray(c, row + j);
                }
            } else if (bias != null) {
                for (int j = j0; j < vectorEnd; j += L) {
                    FloatVector.fromArray(S, c, row + j).add(FloatVector.fromArray(S, bias, j)).intoArray(c, row + j);
                }
            } else if (relu) {
                for (int j = j0; j < vectorEnd; j += L) {
                    FloatVector.fromArray(S, c, row + j).max(zero).intoArray(c, row + j);
                }
            }
        }
        if (vectorEnd < j1) {
            TAIL.biasRelu(c, cOff, ldc, rows, vectorEnd, j1, bias, relu);
        }
    }

    @Override
    public void sumRows(float[] m, int offset, int rows, int columns, int j0, int j1, float[] sums) {
        int vectorEnd = j0 + S.loopBound(j1 - j0);
        int j = j0;
        // Four vectors of columns per sweep down the rows: one cache line of each row per vector.
        for (; j + 4 * L <= vectorEnd; j += 4 * L) {
            FloatVector s0 = FloatVector.fromArray(S, sums, j);
            FloatVector s1 = FloatVector.fromArray(S, sums, j + L);
            FloatVector s2 = FloatVector.fromArray(S, sums, j + 2 * L);
            FloatVector s3 = FloatVector.fromArray(S, sums, j + 3 * L);
            for (int r = 0, o = offset + j; r < rows; r++, o += columns) {
                s0 = s0.add(FloatVector.fromArray(S, m, o));
                s1 = s1.add(FloatVector.fromArray(S, m, o + L));
                s2 = s2.add(FloatVector.fromArray(S, m, o + 2 * L));
                s3 = s3.add(FloatVector.fromArray(S, m, o + 3 * L));
            }
            s0.intoArray(sums, j);
            s1.intoArray(sums, j + L);
            s2.intoArray(sums, j + 2 * L);
            s3.intoArray(sums, j + 3 * L);
        }
        for (; j < vectorEnd; j += L) {
            FloatVector s = FloatVector.fromArray(S, sums, j);
            for (int r = 0, o = offset + j; r < rows; r++, o += columns) {
                s = s.add(FloatVector.fromArray(S, m, o));
            }
            s.intoArray(sums, j);
        }
        if (vectorEnd < j1) {
            sumTail(m, offset, rows, columns, vectorEnd, j1, sums);
        }
    }

    /**
     * {@link #sumRows} of fewer columns than a vector, [j, j1): a vector from each row's column j, its
     * lanes past j1 (the row's next values, or the next row's) summed but never stored, while it stays
     * inside m; the last rows in plain Java. A bias gradient's few filters summed over a whole batch of
     * pixels one column at a time waited on every add's store (LeNet's first layer's: 4 % of a training
     * step).
     */
    private static void sumTail(float[] m, int offset, int rows, int columns, int j, int j1, float[] sums) {
        int count = j1 - j;
        int room = m.length - L - offset - j;
        int vectorRows = room < 0 ? 0 : (int) Math.min(rows, room / columns + 1L);
        float[] lanes = Scratch.floats(Scratch.Use.ROW_SUMS, L);
        System.arraycopy(sums, j, lanes, 0, count);
        FloatVector s = FloatVector.fromArray(S, lanes, 0);
        for (int r = 0, o = offset + j; r < vectorRows; r++, o += columns) {
            s = s.add(FloatVector.fromArray(S, m, o));
        }
        s.intoArray(lanes, 0);
        System.arraycopy(lanes, 0, sums, j, count);
        TAIL.sumRows(m, offset + vectorRows * columns, rows - vectorRows, columns, j, j1, sums);
    }

    @Override
    public void addRow(float[] src, int from, float[] dst, int to, int length) {
        int vectorEnd = S.loopBound(length);
        for (int i = 0; i < vectorEnd; i += L) {
            FloatVector.fromArray(S, dst, to + i).add(FloatVector.fromArray(S, src, from + i)).intoArray(dst, to + i);
        }
        if (vectorEnd < length) {
            TAIL.addRow(src, from + vectorEnd, dst, to + vectorEnd, length - vectorEnd);
        }
    }
}
