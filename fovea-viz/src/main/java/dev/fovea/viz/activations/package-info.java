/**
 * What the layers of a network compute and what they look at: every layer's output for one image
 * ({@link dev.fovea.viz.activations.FeatureMaps}), the input rectangle a unit depends on
 * ({@link dev.fovea.viz.activations.ReceptiveField}), and the dataset patches that excite a
 * channel most ({@link dev.fovea.viz.activations.TopActivations}).
 */
package dev.fovea.viz.activations;
