package dev.fovea.viz.report;

import dev.fovea.model.Model;
import dev.fovea.viz.training.ParameterHistograms;

/** Histograms of every layer's weights after training. */
final class WeightsSection {
    private WeightsSection() {}

    static Section of(Model model) {
        return new Section("weights", "The weights",
                "How the trained weights are spread, layer by layer: a kernel holds a layer's filters (or, for a "
                        + "dense layer, one weight per input and unit), a bias one number per filter or unit. "
                        + "Weights start as small random numbers; training spreads them out. Very wide or very "
                        + "narrow spreads can reveal training that diverged or layers that barely learned.",
                Html.figure(Html.img(ParameterHistograms.drawWeights(model), "histograms of the weights"), ""));
    }
}
