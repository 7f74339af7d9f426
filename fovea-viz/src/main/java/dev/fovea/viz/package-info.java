/**
 * Pictures of what a network learned and of how training went: filter grids, feature maps, top
 * activating patches, saliency and Grad-CAM, training curves, confusion matrices; TensorBoard
 * event files; the HTML report of a run. The core reports through callbacks; this module draws.
 */
package dev.fovea.viz;
