/**
 * Which input pixels a prediction rests on: saliency maps ({@link dev.fovea.viz.attribution.Saliency})
 * and Grad-CAM ({@link dev.fovea.viz.attribution.GradCam}), drawn over the image with a colour map.
 */
package dev.fovea.viz.attribution;
