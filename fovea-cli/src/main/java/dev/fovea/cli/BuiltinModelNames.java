package dev.fovea.cli;

import dev.fovea.model.BuiltinModels;
import java.util.Iterator;

/** The built-in model names, for ${COMPLETION-CANDIDATES} in help texts. */
final class BuiltinModelNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return BuiltinModels.names().iterator();
    }
}
