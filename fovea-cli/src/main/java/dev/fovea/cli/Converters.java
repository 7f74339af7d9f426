package dev.fovea.cli;

import dev.fovea.data.Cifar;
import dev.fovea.data.DatasetLocator;
import dev.fovea.data.InputScaling;
import dev.fovea.data.augment.Augmentation;
import dev.fovea.image.Crop;
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

    /** One of the datasets Fovea knows how to find, or folder:DIR. */
    static final class DatasetName implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            if (text.startsWith(DatasetOptions.FOLDER_PREFIX)) {
                if (text.length() == DatasetOptions.FOLDER_PREFIX.length()) {
                    throw new TypeConversionException("folder: needs a directory, e.g. folder:photos");
                }
                return text;
            }
            DatasetLocator locator = DatasetLocator.standard();
            if (!locator.names().contains(text)) {
                throw new TypeConversionException("unknown dataset '" + text + "': expected one of "
                        + String.join(", ", locator.names()) + ", or folder:DIR");
            }
            return text;
        }
    }

    /** An image size: "150" (square) or "120x160" (height x width), each from 1 to 4096. */
    static final class ImageSize implements ITypeConverter<DatasetOptions.ImageSize> {
        @Override
        public DatasetOptions.ImageSize convert(String text) {
            String[] parts = text.trim().toLowerCase(Locale.ROOT).split("x", -1);
            if (parts.length > 2) {
                throw new TypeConversionException("expected SIZE or HEIGHTxWIDTH, e.g. 150 or 120x160, got '" + text + "'");
            }
            int height = parseInt(parts[0]);
            int width = parts.length == 2 ? parseInt(parts[1]) : height;
            if (height < 1 || width < 1 || height > 4096 || width > 4096) {
                throw new TypeConversionException("height and width must be from 1 to 4096, got '" + text + "'");
            }
            return new DatasetOptions.ImageSize(height, width);
        }
    }

    /** none or center. */
    static final class CropMode implements ITypeConverter<Crop> {
        @Override
        public Crop convert(String text) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "none": return Crop.NONE;
                case "center": case "centre": return Crop.CENTER;
                default: throw new TypeConversionException("expected none or center, got '" + text + "'");
            }
        }
    }

    /** A fraction in [0, 1): the share of a folder's images held out for testing. */
    static final class HeldOutFraction implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            double value = parseDouble(text);
            if (!(value >= 0 && value < 1)) {
                throw new TypeConversionException("must be at least 0 and less than 1, got " + text);
            }
            return value;
        }
    }

    /** The export formats: onnx. */
    static final class ExportFormat implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            if (!text.trim().equalsIgnoreCase("onnx")) {
                throw new TypeConversionException("unknown format '" + text + "': expected onnx");
            }
            return "onnx";
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

    /** constant or cosine. */
    static final class ScheduleName implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            String name = text.trim().toLowerCase(Locale.ROOT);
            if (!TrainingRecipe.SCHEDULES.contains(name)) {
                throw new TypeConversionException("unknown schedule '" + text + "': expected one of "
                        + String.join(", ", TrainingRecipe.SCHEDULES));
            }
            return name;
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
