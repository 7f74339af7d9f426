package dev.fovea.kernel;

/**
 * Loads this package's Vector API kernels by name, so that the package's other classes never link
 * against the module {@code jdk.incubator.vector} and run on their plain-Java kernels without it.
 */
final class VectorKernels {
    private VectorKernels() {}

    /**
     * A new instance of the kernel class {@code simpleName} of this package, or null when it cannot be
     * made: the module is absent, or its constructor refuses the CPU's vectors.
     */
    static <T> T load(String simpleName, Class<T> type) {
        try {
            return type.cast(Class.forName(VectorKernels.class.getPackageName() + "." + simpleName)
                    .getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
