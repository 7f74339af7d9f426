package dev.fovea.data;

import java.io.ByteArrayOutputStream;

/** Builds records in CIFAR's binary format for tests. */
final class CifarBytes {
    private CifarBytes() {
    }

    /**
     * One record: {@code labelBytes} label bytes (the coarse then the fine label for CIFAR-100; for
     * CIFAR-10 just {@code coarse}), then a 32x32 image whose pixel (row, col) has red = row,
     * green = col and blue = 100 + fine, stored as planes.
     */
    static byte[] record(int labelBytes, int coarse, int fine) {
        byte[] r = new byte[labelBytes + 3072];
        r[0] = (byte) coarse;
        if (labelBytes == 2) {
            r[1] = (byte) fine;
        }
        for (int row = 0; row < 32; row++) {
            for (int col = 0; col < 32; col++) {
                int p = row * 32 + col;
                r[labelBytes + p] = (byte) row;
                r[labelBytes + 1024 + p] = (byte) col;
                r[labelBytes + 2048 + p] = (byte) (100 + fine);
            }
        }
        return r;
    }

    /** CIFAR-10 records with these labels, one after the other, as in a batch file. */
    static byte[] cifar10Batch(int... labels) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int label : labels) {
            out.writeBytes(record(1, label, label));
        }
        return out.toByteArray();
    }

    /** CIFAR-100 records with these {coarse, fine} label pairs. */
    static byte[] cifar100Batch(int[]... labels) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int[] pair : labels) {
            out.writeBytes(record(2, pair[0], pair[1]));
        }
        return out.toByteArray();
    }
}
