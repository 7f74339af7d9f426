/**
 * Pictures of convolution kernels: a layer's filters as a grid ({@link dev.fovea.viz.filters.FilterGrid}),
 * and how the first layer's filters change during training ({@link dev.fovea.viz.filters.FilterSnapshots}
 * records them, {@link dev.fovea.viz.filters.FilterEvolution} draws them as an animated GIF or a strip).
 */
package dev.fovea.viz.filters;
