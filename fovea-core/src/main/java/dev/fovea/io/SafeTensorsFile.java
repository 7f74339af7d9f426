package dev.fovea.io;

import dev.fovea.FoveaException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The validated content of a safetensors file, as returned by {@link SafeTensors#read}. */
public final class SafeTensorsFile {
    private final Path file;
    private final Map<String, String> metadata;
    private final Map<String, TensorData> tensors;

    SafeTensorsFile(Path file, Map<String, String> metadata, Map<String, TensorData> tensors) {
        this.file = file;
        this.metadata = metadata;
        this.tensors = tensors;
    }

    /** The file this was read from. */
    public Path file() {
        return file;
    }

    /** The "__metadata__" strings, in file order; empty if the file has none. Unmodifiable. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The tensor names in the order of their data in the file. */
    public List<String> names() {
        return List.copyOf(tensors.keySet());
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** A copy of the named tensor's shape. */
    public int[] shape(String name) {
        return get(name).shape().clone();
    }

    /** A copy of the named tensor, so callers may modify it freely. */
    public TensorData tensor(String name) {
        TensorData stored = get(name);
        return new TensorData(stored.shape().clone(), stored.data().clone());
    }

    private TensorData get(String name) {
        TensorData tensor = tensors.get(name);
        if (tensor == null) {
            throw new FoveaException(file + ": no tensor named \"" + name + "\"; the file has "
                    + tensors.size() + " tensors" + (tensors.isEmpty() ? "" : ": " + listNames()));
        }
        return tensor;
    }

    /** Names for the error message, cut short so a large checkpoint does not flood it. */
    private String listNames() {
        List<String> names = names();
        int shown = Math.min(names.size(), 10);
        String listed = String.join(", ", names.subList(0, shown));
        return names.size() > shown ? listed + ", ..." : listed;
    }
}
