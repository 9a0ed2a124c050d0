package org.sfcrime.consumer;

import java.util.Locale;

/**
 * Where console mode starts reading an assigned partition: {@code earliest}, {@code latest} or an
 * absolute offset, the values of upstream's {@code --offset}.
 *
 * @param kind   which of the three
 * @param offset the absolute offset when {@code kind} is {@link Kind#AT}, otherwise -1
 */
public record StartOffset(Kind kind, long offset) {

    public enum Kind { EARLIEST, LATEST, AT }

    public static final StartOffset EARLIEST = new StartOffset(Kind.EARLIEST, -1);
    public static final StartOffset LATEST = new StartOffset(Kind.LATEST, -1);

    public static StartOffset at(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        }
        return new StartOffset(Kind.AT, offset);
    }

    /**
     * Parses {@code earliest}, {@code latest} (any case) or a non-negative number.
     *
     * @throws IllegalArgumentException with a message naming the valid values
     */
    public static StartOffset parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("earliest")) {
            return EARLIEST;
        }
        if (value.equals("latest")) {
            return LATEST;
        }
        try {
            long offset = Long.parseLong(value);
            if (offset >= 0) {
                return at(offset);
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("'" + text + "' is not a valid offset: valid values are "
                + "'earliest', 'latest', or a non-negative number");
    }

    @Override
    public String toString() {
        return kind == Kind.AT ? Long.toString(offset) : kind.name().toLowerCase(Locale.ROOT);
    }
}
