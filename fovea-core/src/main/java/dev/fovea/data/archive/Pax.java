package dev.fovea.data.archive;

import dev.fovea.FoveaException;
import java.nio.charset.StandardCharsets;

/**
 * The keys of a pax extended header that matter for reading members: {@code path}, which replaces
 * the next member's name, and {@code size}, which replaces its size.
 *
 * <p>The header's content is a sequence of records {@code "LENGTH key=value\n"}, where LENGTH is
 * the decimal byte count of the whole record, itself and the newline included.
 *
 * @param path the name given, or null
 * @param size the size given, or -1; {@link Long#MAX_VALUE} if too large for a long
 */
record Pax(String path, long size) {
    /** A record's length has at most this many digits: the content itself is capped far below. */
    private static final int MAX_LENGTH_DIGITS = 9;

    /** Parses {@code content}; {@code where} names the header in messages. */
    static Pax parse(byte[] content, String where) {
        String path = null;
        long size = -1;
        int pos = 0;
        while (pos < content.length) {
            int digitsEnd = pos;
            long length = 0;
            while (digitsEnd < content.length && digitsEnd - pos < MAX_LENGTH_DIGITS
                    && content[digitsEnd] >= '0' && content[digitsEnd] <= '9') {
                length = length * 10 + (content[digitsEnd] - '0');
                digitsEnd++;
            }
            boolean wellFormed = digitsEnd > pos && digitsEnd < content.length && content[digitsEnd] == ' '
                    && length >= digitsEnd - pos + 2 && pos + length <= content.length
                    && content[(int) (pos + length - 1)] == '\n';
            if (!wellFormed) {
                throw malformed(where, pos, "expected 'LENGTH key=value' ending in a newline");
            }
            int end = (int) (pos + length - 1);
            String record = new String(content, digitsEnd + 1, end - digitsEnd - 1, StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            if (equals <= 0) {
                throw malformed(where, pos, "expected 'key=value', got '" + record + "'");
            }
            String key = record.substring(0, equals);
            String value = record.substring(equals + 1);
            if (key.equals("path")) {
                path = value;
            } else if (key.equals("size")) {
                size = decimal(value, where, pos);
            }
            pos = end + 1;
        }
        return new Pax(path, size);
    }

    private static long decimal(String value, String where, int pos) {
        if (!value.matches("[0-9]+")) {
            throw malformed(where, pos, "size '" + value + "' is not a whole number");
        }
        // 18 digits always fit a long; longer ones are too large for any cap anyway.
        return value.length() > 18 ? Long.MAX_VALUE : Long.parseLong(value);
    }

    private static FoveaException malformed(String where, int pos, String problem) {
        return new FoveaException(where + ": malformed record at offset " + pos + ": " + problem);
    }
}
