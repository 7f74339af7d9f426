package dev.fovea.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real datasets in the project's {@code shared/datasets} folder, which sits beside the
 * repository on the team's machines and CI but not in a user's fresh clone: a test that needs
 * one is skipped, with a message, when it is absent.
 */
public final class SharedDatasets {
    private SharedDatasets() {}

    /**
     * {@code shared/datasets/NAME}, searched upwards from the working directory (the module
     * directory under Maven, the repository root elsewhere); skips the calling test when absent.
     */
    public static Path directory(String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("datasets").resolve(name);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "no shared/datasets/" + name + " in any parent of " + Path.of("").toAbsolutePath()
                + ": this real-data test needs the project's shared folder beside the repository");
        throw new AssertionError("unreachable");
    }
}
