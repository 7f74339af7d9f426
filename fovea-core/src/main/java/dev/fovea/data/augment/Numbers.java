package dev.fovea.data.augment;

import java.math.BigDecimal;

/** The text form of augmentation parameters. */
final class Numbers {
    private Numbers() {}

    /** The shortest decimal that reads back as the same double, never in exponent form: 10, 0.1, 0.00001. */
    static String format(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
