package dev.fovea.cli;

import dev.fovea.data.Cifar;
import dev.fovea.data.DatasetLocator;
import dev.fovea.data.InputScaling;
import dev.fovea.data.augment.Augmentation;
import dev.fovea.model.BuiltinModels;
import dev.fovea.model.TrainingRecipe;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values checked while parsing, so a bad one is a usage error (exit code 2) naming the option
 * before any work starts.
 */
final class Converters {
    private Converters() {}

    /** An integer of at least 1: epochs, batch size, threads, top-k. */
    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            int value = parseInt(text);
            if (value < 1) {
                throw new TypeConversionException("must be at least 1, got " + value);
            }
            return value;
        }
    }

    /** A number greater than 0: the learning rate. */
    static final class PositiveDouble implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            double value = parseDouble(text);
            if (!(value > 0 && Double.isFinite(value))) {
                throw new TypeConversionException("must be a finite number greater than 0, got " + text);
            }
            return value;
        }
    }

    /** A number from 0 up to, not including, 1: momentum and weight decay. */
    static final class Fraction implements ITypeConverter<Float> {
        @Override
        public Float convert(String text) {
            double value = parseDouble(text);
            if (!(value >= 0 && value < 1)) {
                throw new TypeConversionException("must be at least 0 and less than 1, got " + text);
            }
            return (float) value;
        }
    }

    /** One of BuiltinModels.names(). */
    static final class ModelName implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            try {
                return BuiltinModels.entry(text).name();
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** One of the datasets Fovea knows how to find. */
    static final class DatasetName implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            DatasetLocator locator = DatasetLocator.standard();
            if (!locator.names().contains(text)) {
                throw new TypeConversionException("unknown dataset '" + text + "': expected one of "
                        + String.join(", ", locator.names()));
            }
            return text;
        }
    }

    /** fine or coarse: the label byte of CIFAR-100 records to learn. */
    static final class Cifar100Labels implements ITypeConverter<Cifar.Label> {
        @Override
        public Cifar.Label convert(String text) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "fine": return Cifar.Label.FINE;
                case "coarse": return Cifar.Label.COARSE;
                default: throw new TypeConversionException("expected fine or coarse, got '" + text + "'");
            }
        }
    }

    /** An optimizer name TrainingRecipe.optimizer accepts. */
    static final class OptimizerName implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            String name = text.toLowerCase(Locale.ROOT);
            if (!TrainingRecipe.OPTIMIZERS.contains(name)) {
                throw new TypeConversionException("unknown optimizer '" + text + "': expected one of "
                        + String.join(", ", TrainingRecipe.OPTIMIZERS));
            }
            return name;
        }
    }

    /** An augmentation: presets and single transforms, comma separated (see Augmentation.parse). */
    static final class AugmentationSpec implements ITypeConverter<Augmentation> {
        @Override
        public Augmentation convert(String text) {
            try {
                return Augmentation.parse(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** An integer of at least 0: loader threads. */
    static final class NonNegativeInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            int value = parseInt(text);
            if (value < 0) {
                throw new TypeConversionException("must be at least 0, got " + value);
            }
            return value;
        }
    }

    /** unit, centered, mean_image or standardize. */
    static final class InputScalingKind implements ITypeConverter<InputScaling.Kind> {
        @Override
        public InputScaling.Kind convert(String text) {
            try {
                return InputScaling.parseKind(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("expected a whole number, got '" + text + "'");
        }
    }

    private static double parseDouble(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("expected a number, got '" + text + "'");
        }
    }
}
