package dev.fovea.cli;

import dev.fovea.FoveaException;
import dev.fovea.viz.report.RunFiles;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The options a training run recorded in its config.json, read back by later commands; a value
 * that is not what the option takes is an error naming the file and the field.
 */
final class RunConfiguration {
    private final Path file;
    private final Map<String, Object> values;

    RunConfiguration(Path file, Map<String, Object> values) {
        this.file = file;
        this.values = Map.copyOf(values);
    }

    /** The configuration of a run directory (which must hold one). */
    static RunConfiguration of(RunFiles run) {
        return new RunConfiguration(run.config(), run.configuration());
    }

    /** The value of {@code field} as text, if the file has it. */
    Optional<String> text(String field) {
        Object value = values.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return Optional.of(value.toString());
        }
        throw new FoveaException(file + ": field " + field + " must be a string, got " + value);
    }

    /** The value of {@code field} as text; its absence is an error. */
    String require(String field) {
        return text(field).orElseThrow(() -> new FoveaException(file + " has no field " + field
                + ": it was not written by 'fovea train', or was edited"));
    }

    /** The value of {@code field} converted as its command-line option would be, or {@code fallback} without one. */
    <T> T parse(String field, ITypeConverter<T> converter, T fallback) {
        Optional<String> text = text(field);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return converter.convert(text.get());
        } catch (TypeConversionException e) {
            throw new FoveaException(file + ": field " + field + ": " + e.getMessage());
        } catch (Exception e) {
            // ITypeConverter declares Exception; the converters of Converters throw only the one above.
            throw new FoveaException(file + ": field " + field + ": cannot read '" + text.get() + "'", e);
        }
    }

    /** The value of a required whole-number field. */
    long requireLong(String field) {
        String text = require(field);
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new FoveaException(file + ": field " + field + ": expected a whole number, got '" + text + "'");
        }
    }
}
