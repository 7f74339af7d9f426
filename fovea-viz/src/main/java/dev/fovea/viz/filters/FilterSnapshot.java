package dev.fovea.viz.filters;

/**
 * A layer's kernel as it was after {@code step} optimizer steps (0: before training), during
 * epoch {@code epoch} (0-based).
 */
public record FilterSnapshot(long step, int epoch, ConvKernel kernel) {
}
