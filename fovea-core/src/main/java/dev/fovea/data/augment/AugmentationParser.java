package dev.fovea.data.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Reads the text form of an augmentation; the grammar and the presets are described at {@link Augmentation#parse}. */
final class AugmentationParser {
    static final String VALID_FORMS = "none; a preset (cifar, light, standard, digits); or transforms separated "
            + "by commas: flip, crop[:PIXELS], rotate[:DEGREES], zoom[:FRACTION], translate[:FRACTION], "
            + "brightness[:FRACTION], contrast[:FRACTION], erase[:PROBABILITY]";

    private static final Map<String, List<Augmentation>> PRESETS = Map.of(
            "cifar", List.of(new RandomCrop(4), new RandomFlip()),
            "light", List.of(new RandomFlip(), new RandomTranslation(0.1)),
            "standard", List.of(new RandomFlip(), new RandomRotation(10), new RandomZoom(0.1),
                    new RandomTranslation(0.1)),
            "digits", List.of(new RandomRotation(10), new RandomZoom(0.1), new RandomTranslation(0.1)));

    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,9}");
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d*)?|\\.\\d+");

    private AugmentationParser() {}

    static Augmentation parse(String text) {
        if (text.trim().equalsIgnoreCase("none")) {
            return Augmentation.none();
        }
        List<Augmentation> steps = new ArrayList<>();
        for (String entry : text.split(",", -1)) {
            steps.addAll(parseEntry(entry.trim(), text));
        }
        return Compose.of(steps);
    }

    private static List<Augmentation> parseEntry(String entry, String text) {
        if (entry.isEmpty()) {
            throw new IllegalArgumentException("augmentation '" + text + "' has an empty entry; expected "
                    + VALID_FORMS);
        }
        int colon = entry.indexOf(':');
        String name = (colon < 0 ? entry : entry.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        String parameter = colon < 0 ? null : entry.substring(colon + 1).trim();
        if (PRESETS.containsKey(name) || name.equals("flip") || name.equals("none")) {
            if (parameter != null) {
                throw bad(entry, text, name + " takes no parameter");
            }
            if (name.equals("none")) {
                throw bad(entry, text, "none cannot be combined with other entries");
            }
            return name.equals("flip") ? List.of(new RandomFlip()) : PRESETS.get(name);
        }
        return List.of(switch (name) {
            case "crop" -> {
                if (parameter != null && !WHOLE_NUMBER.matcher(parameter).matches()) {
                    throw bad(entry, text, "PIXELS must be a whole number");
                }
                yield construct(entry, text, () -> new RandomCrop(parameter == null ? 4 : Integer.parseInt(parameter)));
            }
            case "rotate" -> decimal(entry, text, parameter, "DEGREES", 10, RandomRotation::new);
            case "zoom" -> decimal(entry, text, parameter, "FRACTION", 0.1, RandomZoom::new);
            case "translate" -> decimal(entry, text, parameter, "FRACTION", 0.1, RandomTranslation::new);
            case "brightness" -> decimal(entry, text, parameter, "FRACTION", 0.2, RandomBrightness::new);
            case "contrast" -> decimal(entry, text, parameter, "FRACTION", 0.2, RandomContrast::new);
            case "erase" -> decimal(entry, text, parameter, "PROBABILITY", 0.5, RandomErasing::new);
            default -> throw new IllegalArgumentException("unknown augmentation '" + entry + "' in '" + text
                    + "'; expected " + VALID_FORMS);
        });
    }

    private static Augmentation decimal(String entry, String text, String parameter, String what, double fallback,
                                        DoubleFunction<Augmentation> constructor) {
        if (parameter != null && !DECIMAL.matcher(parameter).matches()) {
            throw bad(entry, text, what + " must be a plain decimal number such as 0.1 or 10");
        }
        double value = parameter == null ? fallback : Double.parseDouble(parameter);
        return construct(entry, text, () -> constructor.apply(value));
    }

    /** Builds the transform, turning its range check into an error that names the entry. */
    private static Augmentation construct(String entry, String text, Supplier<Augmentation> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw bad(entry, text, e.getMessage());
        }
    }

    private static IllegalArgumentException bad(String entry, String text, String reason) {
        return new IllegalArgumentException("bad augmentation '" + entry + "' in '" + text + "': " + reason
                + "; expected " + VALID_FORMS);
    }
}
