package dev.fovea.viz.report;

import dev.fovea.model.Model;
import dev.fovea.viz.attribution.GradCam;
import dev.fovea.viz.attribution.Saliency;
import java.util.List;

/** Saliency and Grad-CAM maps of a few images, for the class the model predicts. */
final class AttributionSection {
    private AttributionSection() {}

    static Section of(Model model, List<Example> examples, List<String> classNames) {
        StringBuilder body = new StringBuilder();
        for (Example example : examples) {
            body.append("<h3>Image ").append(example.caption(classNames)).append("</h3>\n<div class=\"figures\">\n")
                    .append(Html.figure(Html.img(Saliency.draw(model, example.pixels(), example.predicted()),
                            "saliency of image " + example.index()), ""))
                    .append(Html.figure(Html.img(GradCam.draw(model, example.pixels(), example.predicted()),
                            "Grad-CAM of image " + example.index()), ""))
                    .append("</div>\n");
        }
        return new Section("attribution", "Where the model looks",
                "Which pixels did a prediction rest on? A <em>saliency map</em> is the gradient of the predicted "
                        + "class's score with respect to each input pixel: bright where a small change of the pixel "
                        + "would change the score most. <em>Grad-CAM</em> looks at the last convolution layer "
                        + "instead: it weighs each feature map by how much it raises the class's score and adds "
                        + "them up, giving a coarser map of the regions that count. Both are shown beside the image "
                        + "and blended over it (dark: unimportant, yellow to white: important).",
                body.toString());
    }
}
