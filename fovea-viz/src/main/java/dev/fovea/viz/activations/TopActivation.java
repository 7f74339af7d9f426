package dev.fovea.viz.activations;

/**
 * A dataset image that excites a channel: the image's index, the unit (row {@code y}, column
 * {@code x}) where the channel is strongest in it, that activation, and the unit's receptive field
 * in the image.
 */
public record TopActivation(int image, int y, int x, float value, Region field) {
}
