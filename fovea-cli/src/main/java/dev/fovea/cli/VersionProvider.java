package dev.fovea.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code fovea --version}: Fovea's version from the jar manifest, and the Java that runs it. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "fovea " + (version != null ? version : "(development build)"),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                    + System.getProperty("java.home") + ")"
        };
    }
}
