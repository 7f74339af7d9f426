package dev.fovea.io;

import dev.fovea.FoveaException;

/** JSON text that does not follow RFC 8259, with the character offset where it went wrong. */
public class JsonException extends FoveaException {
    private final int offset;
    private final String expected;

    public JsonException(String expected, int offset, String found) {
        super("JSON error at character offset " + offset + ": expected " + expected + " but found " + found);
        this.offset = offset;
        this.expected = expected;
    }

    /** The offset, in UTF-16 characters from the start of the text, where the error was detected. */
    public int offset() {
        return offset;
    }

    /** What the parser expected at {@link #offset()}. */
    public String expected() {
        return expected;
    }
}
