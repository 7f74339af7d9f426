package dev.fovea.nn;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The layer names of one model, unique as model files need: a layer's own name, or Keras's
 * automatic one (the base, then base_1, base_2, ..., skipping names already taken).
 */
public final class LayerNames {
    private final Set<String> taken = new HashSet<>();
    private final Map<String, Integer> nextIndexByBase = new HashMap<>();

    /** Takes {@code layer}'s name, or the next free automatic one if it has none; a name taken before is refused. */
    public String claim(Layer layer) {
        String name = layer.name() != null ? layer.name() : next(layer.baseName());
        if (!taken.add(name)) {
            throw new IllegalArgumentException("a layer named '" + name + "' is already in the model");
        }
        return name;
    }

    /** Takes a name that is not a layer's (a graph's input); a name taken before is refused. */
    public void claim(String name) {
        if (!taken.add(name)) {
            throw new IllegalArgumentException("the name '" + name + "' is already in the model");
        }
    }

    private String next(String base) {
        int index = nextIndexByBase.getOrDefault(base, 0);
        String name = index == 0 ? base : base + "_" + index;
        while (taken.contains(name)) {
            index++;
            name = base + "_" + index;
        }
        nextIndexByBase.put(base, index + 1);
        return name;
    }
}
