/**
 * A training run seen from the outside: what {@code fovea train} records in its run directory for
 * later pictures ({@link dev.fovea.viz.report.BatchLossLog} writes every batch's loss,
 * {@link dev.fovea.viz.report.FilterEvolutionLog} the first layer's filters during training; the
 * files are named by {@link dev.fovea.viz.report.RunFiles}), the one self-contained HTML page
 * {@code fovea report} makes of a run ({@link dev.fovea.viz.report.RunReport}), and the pictures
 * {@code fovea visualize} draws of one image ({@link dev.fovea.viz.report.ImagePictures}).
 */
package dev.fovea.viz.report;
