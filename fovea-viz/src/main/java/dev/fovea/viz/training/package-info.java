/**
 * Pictures of how training went and where the model errs: loss and accuracy curves
 * ({@link dev.fovea.viz.training.TrainingCurves}), the confusion matrix
 * ({@link dev.fovea.viz.training.ConfusionMatrixImage}), misclassified images
 * ({@link dev.fovea.viz.training.Misclassified}) and histograms of weights and gradients
 * ({@link dev.fovea.viz.training.ParameterHistograms}).
 */
package dev.fovea.viz.training;
