package dev.fovea.testing;

import dev.fovea.kernel.Padding;
import dev.fovea.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One PyTorch reference case from {@code /golden/NAME.golden} on the test classpath (format: see
 * {@code src/test/resources/golden/README.md}): {@code param NAME VALUE} and
 * {@code tensor NAME d0,d1,... v0 v1 ...} lines, {@code #} comments and blank lines ignored.
 */
public final class GoldenFile {
    private static final String DIRECTORY = "/golden/";
    private static final String SUFFIX = ".golden";

    private final String name;
    private final Map<String, String> params = new LinkedHashMap<>();
    private final Map<String, int[]> shapes = new LinkedHashMap<>();
    private final Map<String, float[]> tensors = new LinkedHashMap<>();

    private GoldenFile(String name) {
        this.name = name;
    }

    /** Loads {@code /golden/NAME.golden}; NAME is given without the suffix. */
    public static GoldenFile load(String name) {
        String resource = DIRECTORY + name + SUFFIX;
        try (InputStream in = GoldenFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + resource + " on the test classpath");
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Parses the text of a golden file; {@code name} is only used in messages. */
    public static GoldenFile parse(String name, String text) {
        GoldenFile g = new GoldenFile(name);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = name + SUFFIX + " line " + (i + 1);
            String[] parts = line.split("\\s+");
            switch (parts[0]) {
                case "param" -> {
                    if (parts.length != 3) {
                        throw new IllegalArgumentException(where + ": expected 'param NAME VALUE'");
                    }
                    putOnce(g.params, parts[1], parts[2], where);
                }
                case "tensor" -> {
                    if (parts.length < 3) {
                        throw new IllegalArgumentException(where + ": expected 'tensor NAME d0,d1,... values'");
                    }
                    int[] shape = parseShape(parts[2], where);
                    long size = 1;
                    for (int d : shape) {
                        size *= d;
                    }
                    if (size != parts.length - 3) {
                        throw new IllegalArgumentException(where + ": tensor " + parts[1] + " of shape " + parts[2]
                                + " needs " + size + " values, has " + (parts.length - 3));
                    }
                    float[] values = new float[parts.length - 3];
                    for (int v = 0; v < values.length; v++) {
                        values[v] = parseFloat(parts[v + 3], where);
                    }
                    putOnce(g.tensors, parts[1], values, where);
                    g.shapes.put(parts[1], shape);
                }
                default -> throw new IllegalArgumentException(where + ": unknown line kind '" + parts[0] + "'");
            }
        }
        return g;
    }

    /** The names (without suffix) of every golden file in the classpath directory, sorted. */
    public static List<String> names() {
        URL url = GoldenFile.class.getResource(DIRECTORY);
        if (url == null) {
            throw new IllegalStateException("no " + DIRECTORY + " directory on the test classpath");
        }
        if (!"file".equals(url.getProtocol())) {
            throw new IllegalStateException("golden files must be a directory to be listed, found " + url);
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(SUFFIX))
                    .map(f -> f.substring(0, f.length() - SUFFIX.length()))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public String name() {
        return name;
    }

    public boolean hasParam(String key) {
        return params.containsKey(key);
    }

    public boolean hasTensor(String key) {
        return tensors.containsKey(key);
    }

    public String param(String key) {
        String value = params.get(key);
        if (value == null) {
            throw new IllegalArgumentException(name + SUFFIX + " has no param '" + key + "'; params: "
                    + params.keySet());
        }
        return value;
    }

    public int intParam(String key) {
        try {
            return Integer.parseInt(param(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + SUFFIX + ": param '" + key + "' = '" + param(key)
                    + "' is not an integer", e);
        }
    }

    public float floatParam(String key) {
        return parseFloat(param(key), name + SUFFIX + " param '" + key + "'");
    }

    /** The values of a tensor (a copy), row-major. */
    public float[] tensor(String key) {
        return requireTensor(key).clone();
    }

    public int[] shape(String key) {
        requireTensor(key);
        return shapes.get(key).clone();
    }

    /** A fresh leaf tensor, requiring a gradient, holding the named tensor's values and shape. */
    public Tensor parameter(String key) {
        return Tensor.parameter(tensor(key), shape(key));
    }

    /** A tensor of whole numbers (such as class labels, stored as floats) as ints. */
    public int[] intTensor(String key) {
        float[] values = requireTensor(key);
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (int) values[i];
            if (out[i] != values[i]) {
                throw new IllegalArgumentException(name + SUFFIX + ": tensor '" + key + "' value " + values[i]
                        + " at [" + i + "] is not a whole number");
            }
        }
        return out;
    }

    /** The padding of a window op: {@code padding} is valid, same, or explicit with pad_top etc. */
    public Padding padding() {
        String mode = param("padding");
        return switch (mode) {
            case "valid" -> Padding.VALID;
            case "same" -> Padding.SAME;
            case "explicit" -> Padding.explicit(intParam("pad_top"), intParam("pad_bottom"),
                    intParam("pad_left"), intParam("pad_right"));
            default -> throw new IllegalArgumentException(name + SUFFIX + ": unknown padding '" + mode + "'");
        };
    }

    private float[] requireTensor(String key) {
        float[] values = tensors.get(key);
        if (values == null) {
            throw new IllegalArgumentException(name + SUFFIX + " has no tensor '" + key + "'; tensors: "
                    + tensors.keySet());
        }
        return values;
    }

    private static int[] parseShape(String text, String where) {
        String[] dims = text.split(",");
        int[] shape = new int[dims.length];
        for (int d = 0; d < dims.length; d++) {
            try {
                shape[d] = Integer.parseInt(dims[d]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": bad shape '" + text + "'", e);
            }
            if (shape[d] < 0) {
                throw new IllegalArgumentException(where + ": negative dimension in shape '" + text + "'");
            }
        }
        return shape;
    }

    private static float parseFloat(String text, String where) {
        try {
            return Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": '" + text + "' is not a number", e);
        }
    }

    private static <V> void putOnce(Map<String, V> map, String key, V value, String where) {
        if (map.put(key, value) != null) {
            throw new IllegalArgumentException(where + ": '" + key + "' is defined twice");
        }
    }
}
