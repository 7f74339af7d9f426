package dev.fovea.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A digest that a file must have, with its algorithm: the form in which dataset pages publish
 * their checksums (SHA-256 for most files, MD5 for the CIFAR archives).
 *
 * @param hex the digest as lower-case hexadecimal digits
 */
public record Checksum(Algorithm algorithm, String hex) {

    /** The digest algorithms dataset pages use. */
    public enum Algorithm {
        SHA_256("SHA-256", 32),
        /** Only as strong as the page that publishes it: it catches corruption, not a forger. */
        MD5("MD5", 16);

        private final String javaName;
        private final int bytes;

        Algorithm(String javaName, int bytes) {
            this.javaName = javaName;
            this.bytes = bytes;
        }

        /** The standard name, as in "SHA-256" or "MD5". */
        public String displayName() {
            return javaName;
        }

        private MessageDigest newDigest() {
            try {
                return MessageDigest.getInstance(javaName);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform must provide " + javaName, e);
            }
        }
    }

    public Checksum {
        Objects.requireNonNull(algorithm);
        int digits = 2 * algorithm.bytes;
        if (!hex.matches("[0-9a-f]{" + digits + "}")) {
            throw new IllegalArgumentException(algorithm.displayName() + " must be " + digits
                    + " lower-case hex digits: " + hex);
        }
    }

    public static Checksum sha256(String hex) {
        return new Checksum(Algorithm.SHA_256, hex);
    }

    public static Checksum md5(String hex) {
        return new Checksum(Algorithm.MD5, hex);
    }

    /** The digest of {@code file} with {@code algorithm}, streamed so large files need no memory. */
    public static Checksum of(Algorithm algorithm, Path file) throws IOException {
        MessageDigest digest = algorithm.newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int got; (got = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, got);
            }
        }
        return new Checksum(algorithm, HexFormat.of().formatHex(digest.digest()));
    }

    /** "SHA-256 08dc...", for messages. */
    @Override
    public String toString() {
        return algorithm.displayName() + " " + hex;
    }
}
