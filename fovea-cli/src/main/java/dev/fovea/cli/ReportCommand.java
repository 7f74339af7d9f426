package dev.fovea.cli;

import dev.fovea.data.ImageSource;
import dev.fovea.model.Model;
import dev.fovea.viz.report.RunFiles;
import dev.fovea.viz.report.RunReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fovea report RUN_DIR}: one self-contained web page about a training run. */
@Command(name = "report",
        description = {
            "Write RUN_DIR/report.html: one self-contained web page (pictures inside, nothing fetched) about a "
                    + "training run, for learning what the network does.",
            "",
            "It shows the run's options and layers, the learning curves (per epoch and per batch), the confusion "
                    + "matrix and accuracy per class, misclassified images, the first layer's filters and their "
                    + "evolution, edge detection with Sobel filters, images' journeys through every layer, the "
                    + "image patches that excite channels most (receptive fields), saliency and Grad-CAM maps and "
                    + "histograms of the weights.",
            "",
            "The test split is loaded again as config.json describes it (dataset, data directory, seed, "
                    + "held-out fraction), and the model is evaluated on it (at most the first "
                    + RunReport.EVALUATED_IMAGES + " images)."
        })
final class ReportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "A run directory written by 'fovea train'.")
    Path runDirectory;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the run's dataset is now, if not where training read it: the built-in dataset's "
                    + "files, or the image folder of a folder:DIR dataset.")
    Path dataDir;

    @Option(names = "--offline", description = "Never download the dataset; fail if it is not on this machine.")
    boolean offline;

    @Override
    public void run() {
        RunFiles run = new RunFiles(runDirectory).requireFinishedRun();
        RunConfiguration configuration = RunConfiguration.of(run);
        Model model = Model.load(run.model());
        TrainingData data = DatasetOptions.recordedIn(configuration, dataDir, offline)
                .load(model.inputShape(), configuration.requireLong("seed"));
        PrintWriter err = spec.commandLine().getErr();
        data.warnings().forEach(w -> err.println("fovea: warning: " + w));
        err.flush();
        // A folder split with --val-split 0 has no test images: the report then shows training images.
        ImageSource images = data.hasTest() ? data.test() : data.train();
        String split = data.hasTest() ? "test" : "training";
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Evaluating %s on %,d %s images of %s from %s and drawing the report...%n",
                run.name(), Math.min(images.size(), RunReport.EVALUATED_IMAGES), split, data.name(), data.origin());
        out.flush();
        Path report = RunReport.write(run, model, images, split);
        out.println("Report written to " + report);
        out.flush();
    }
}
