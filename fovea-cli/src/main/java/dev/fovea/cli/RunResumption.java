package dev.fovea.cli;

import dev.fovea.FoveaException;
import dev.fovea.io.Json;
import dev.fovea.io.JsonException;
import dev.fovea.model.Checkpoint;
import dev.fovea.model.Checkpointer;
import dev.fovea.viz.report.RunFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code --resume RUN_DIR}: runs the command the run was started with again, with its recorded
 * arguments, from the run's latest checkpoint. The recorded arguments, not today's, so the data,
 * seed and options are those the checkpoint's position refers to.
 */
final class RunResumption {
    /** Options that say where a run goes, not how it trains: not recorded, not repeated. */
    private static final Set<String> NOT_REPEATED = Set.of("--out", "--resume");

    private RunResumption() {}

    /** The arguments of the command being run that a resume must repeat, as they were given. */
    static List<String> argumentsToRepeat(CommandLine command) {
        List<String> arguments = new ArrayList<>();
        ParseResult parsed = command.getParseResult();
        for (OptionSpec option : parsed.matchedOptions()) {
            String name = option.longestName();
            if (NOT_REPEATED.contains(name)) {
                continue;
            }
            if (option.arity().max() == 0) {
                boolean on = Boolean.TRUE.equals(option.getValue());
                arguments.add(on || !option.negatable() ? name : "--no-" + name.substring(2));
            } else {
                for (String value : option.originalStringValues()) {
                    arguments.add(name);
                    arguments.add(value);
                }
            }
        }
        return arguments;
    }

    /** Continues the run in {@code runDirectory}, printing through {@code current}'s writers. */
    static void resume(Path runDirectory, CommandLine current) {
        RunFiles files = new RunFiles(runDirectory);
        if (!Files.isRegularFile(files.config())) {
            throw new FoveaException(runDirectory + " is not a run directory: it has no config.json");
        }
        Map<String, Object> config = files.configuration();
        Path latest = Checkpointer.latest(runDirectory.resolve("checkpoints")).orElseThrow(() -> new FoveaException(
                runDirectory + " has no checkpoint to resume from: the run stopped before its first one"));
        Checkpoint checkpoint = Checkpoint.read(latest);
        List<String> arguments = new ArrayList<>();
        arguments.add(text(config, "command", files));
        arguments.addAll(recordedArguments(config, files));
        arguments.add("--out");
        arguments.add(runDirectory.toString());

        CommandLine fresh = Main.commandLine();
        fresh.setOut(current.getOut());
        fresh.setErr(current.getErr());
        ParseResult parsed;
        try {
            parsed = fresh.parseArgs(arguments.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new FoveaException(files.config() + ": the recorded arguments no longer parse: " + e.getMessage(), e);
        }
        if (!(parsed.subcommand().commandSpec().userObject() instanceof TrainingCommand command)) {
            throw new FoveaException(files.config() + ": 'command' is not a training command");
        }
        if (command.seed != checkpoint.seed()) {
            throw new FoveaException(latest + " was made with seed " + checkpoint.seed() + " but " + files.config()
                    + " says " + command.seed);
        }
        command.resumeFrom(checkpoint);
        command.run();
    }

    private static String text(Map<String, Object> config, String key, RunFiles files) {
        if (!(config.get(key) instanceof String value)) {
            throw new FoveaException(files.config() + ": field '" + key + "' is missing; was the run made by an "
                    + "older Fovea? Start it again instead");
        }
        return value;
    }

    private static List<String> recordedArguments(Map<String, Object> config, RunFiles files) {
        try {
            if (!(Json.parse(text(config, "arguments", files)) instanceof List<?> recorded)) {
                throw new FoveaException(files.config() + ": field 'arguments' must be a JSON list");
            }
            List<String> arguments = new ArrayList<>();
            for (Object a : recorded) {
                if (!(a instanceof String s)) {
                    throw new FoveaException(files.config() + ": field 'arguments' must be a list of strings");
                }
                arguments.add(s);
            }
            return arguments;
        } catch (JsonException e) {
            throw new FoveaException(files.config() + ": field 'arguments' is not a JSON list: " + e.getMessage(), e);
        }
    }
}
