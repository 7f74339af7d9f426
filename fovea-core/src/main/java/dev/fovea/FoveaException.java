package dev.fovea;

/**
 * A failure the user can act on: bad input, a missing file, an unknown name.
 *
 * <p>The message is complete on its own (it names the file or flag, what was found and what was
 * expected), so a command line can print it as one line without a stack trace.
 */
public class FoveaException extends RuntimeException {
    public FoveaException(String message) {
        super(message);
    }

    public FoveaException(String message, Throwable cause) {
        super(message, cause);
    }
}
