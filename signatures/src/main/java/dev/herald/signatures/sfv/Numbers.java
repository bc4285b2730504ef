package dev.herald.signatures.sfv;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Decimal normalization (RFC 9651 §3.3.2 and §4.1.5). */
final class Numbers {
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(1);
    private static final int MAX_INTEGER_DIGITS = 12;
    private static final int MAX_FRACTION_DIGITS = 3;

    private Numbers() {}

    /**
     * Rounds half-even to 3 fraction digits, strips trailing zeros but keeps one fraction digit, and
     * rejects more than 12 integer digits.
     */
    static BigDecimal normalizeDecimal(BigDecimal value) {
        if (value.signum() == 0) {
            return ZERO;
        }
        // Checked before rounding so that an absurd exponent (1E+999999999) costs nothing.
        int integerDigits = value.precision() - value.scale();
        if (integerDigits > MAX_INTEGER_DIGITS) {
            throw tooManyIntegerDigits(integerDigits);
        }
        if (integerDigits <= -MAX_FRACTION_DIGITS - 1) {
            return ZERO; // below 0.0001, so it rounds to zero; skips dividing by 10^scale for 1E-999999999
        }
        BigDecimal rounded = value.setScale(MAX_FRACTION_DIGITS, RoundingMode.HALF_EVEN);
        if (rounded.signum() == 0) {
            return ZERO;
        }
        integerDigits = rounded.precision() - rounded.scale();
        if (integerDigits > MAX_INTEGER_DIGITS) {
            throw tooManyIntegerDigits(integerDigits); // 999999999999.9995 rounds up to 13 digits
        }
        BigDecimal stripped = rounded.stripTrailingZeros();
        return stripped.scale() < 1 ? stripped.setScale(1) : stripped;
    }

    private static IllegalArgumentException tooManyIntegerDigits(int digits) {
        return new IllegalArgumentException("decimal has " + digits
                + " integer digits; at most 12 are allowed (after rounding to 3 fraction digits)");
    }
}
