package dev.fovea.cli;

import picocli.CommandLine.Option;

/** The option that chooses a built-in model; shared by train and summary. */
final class ModelOption {
    @Option(names = "--model", paramLabel = "NAME", defaultValue = "keras-fashion",
            converter = Converters.ModelName.class, completionCandidates = BuiltinModelNames.class,
            description = "Built-in model: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String name;
}
