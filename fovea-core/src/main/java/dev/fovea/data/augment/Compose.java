package dev.fovea.data.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Several augmentations applied one after another in the given order, all drawing from the same
 * random stream. Nested compositions are flattened, and a composition of one augmentation is that
 * augmentation, so that every augmentation has one text form and reads back equal to itself.
 * The empty composition is {@link Augmentation#none()}, written {@code none}.
 */
public final class Compose implements Augmentation {
    static final Compose NONE = new Compose(List.of());

    private final List<Augmentation> steps;

    private Compose(List<Augmentation> steps) {
        this.steps = steps;
    }

    /** The augmentations in order, as one. */
    public static Augmentation of(Augmentation... steps) {
        return of(List.of(steps));
    }

    /** The augmentations in order, as one. */
    public static Augmentation of(List<? extends Augmentation> steps) {
        List<Augmentation> flat = new ArrayList<>();
        for (Augmentation step : steps) {
            if (step instanceof Compose compose) {
                flat.addAll(compose.steps);
            } else {
                flat.add(step);
            }
        }
        if (flat.isEmpty()) {
            return NONE;
        }
        return flat.size() == 1 ? flat.get(0) : new Compose(List.copyOf(flat));
    }

    /** The augmentations this one applies, in order. */
    public List<Augmentation> steps() {
        return steps;
    }

    @Override
    public void apply(float[] image, int height, int width, int channels, SplittableRandom random, float[] scratch) {
        for (Augmentation step : steps) {
            step.apply(image, height, width, channels, random, scratch);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Compose compose && compose.steps.equals(steps);
    }

    @Override
    public int hashCode() {
        return steps.hashCode();
    }

    @Override
    public String toString() {
        return steps.isEmpty() ? "none" : steps.stream().map(Object::toString).collect(Collectors.joining(","));
    }
}
