package dev.fovea.viz.report;

import dev.fovea.model.Model;
import dev.fovea.viz.activations.FeatureMaps;
import java.util.List;

/** A few images followed through every layer of the network. */
final class JourneySection {
    private JourneySection() {}

    static Section of(Model model, List<Example> examples, List<String> classNames) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < examples.size(); i++) {
            Example example = examples.get(i);
            body.append("<details").append(i == 0 ? " open" : "").append("><summary>Image ")
                    .append(example.caption(classNames)).append("</summary>\n")
                    .append(Html.figure(Html.img(FeatureMaps.draw(model, example.pixels()),
                            "image " + example.index() + " through every layer"), ""))
                    .append("</details>\n");
        }
        return new Section("journey", "One image through the network",
                "Each convolution layer turns its input into a stack of <em>feature maps</em>, one per filter: "
                        + "bright where the filter found its pattern, dark where it did not (ReLU sets negative "
                        + "responses to zero, so many maps are partly black). A pooling layer keeps one value of each "
                        + "small window (the largest, for max pooling), shrinking the maps, so deeper layers see the "
                        + "image at a coarser scale and respond to larger, more abstract patterns. Flatten lines the "
                        + "last maps up into one vector, and the dense layers turn it into one probability per class.",
                body.toString());
    }
}
