package dev.fovea.data;

/**
 * The content of an IDX image file: {@code count} grey images of {@code rows x cols} unsigned bytes,
 * stored image after image, row by row.
 *
 * <p>The pixel array is shared, not copied, to keep 47 MB datasets from being duplicated.
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels) {
}
