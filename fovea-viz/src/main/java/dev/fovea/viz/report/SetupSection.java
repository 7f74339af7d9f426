package dev.fovea.viz.report;

import dev.fovea.io.Json;
import dev.fovea.model.Model;
import java.nio.file.Files;
import java.util.Map;

/** What was trained and how: the options of config.json and the model's summary table. */
final class SetupSection {
    private SetupSection() {}

    static Section of(RunFiles run, Map<String, Object> configuration, Model model) {
        StringBuilder body = new StringBuilder("<div class=\"columns\">\n<div>\n<h3>Options</h3>\n");
        body.append("<table class=\"options\">\n");
        for (Map.Entry<String, Object> option : configuration.entrySet()) {
            Object value = option.getValue();
            String text = value instanceof String s ? s : Json.write(value);
            body.append("<tr><th>").append(Html.escape(option.getKey())).append("</th><td>")
                    .append(Html.escape(text)).append("</td></tr>\n");
        }
        body.append("</table>\n</div>\n<div>\n<h3>Layers</h3>\n<pre class=\"summary\">")
                .append(Html.escape(model.summary().stripTrailing())).append("</pre>\n");
        if (Files.isDirectory(run.tensorBoard())) {
            body.append("<p class=\"note\">The same run in TensorBoard (curves, weight histograms, the graph): "
                    + "<code>tensorboard --logdir ").append(Html.escape(run.tensorBoard().toString()))
                    .append("</code></p>\n");
        }
        body.append("</div>\n</div>\n");
        return new Section("setup", "The run",
                "The options training used (from config.json) and the network's layers. Each row of the table is "
                        + "a layer: its output shape is (batch, height, width, channels) for images and "
                        + "(batch, units) for vectors, and its parameters are the weights training adjusts.",
                body.toString());
    }
}
