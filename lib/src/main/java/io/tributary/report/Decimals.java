package io.tributary.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How the results table writes a number unrounded: the fewest significant digits that read back as
 * the same double, and of those the decimal nearest to it (as Python's {@code repr} chooses them),
 * written as a plain decimal with at least one digit after the point and never with an exponent:
 * {@code 0.002}, {@code 0.30000000000000004}, {@code 3.0}, {@code -0.0}. A value that is not finite
 * is written as the empty string.
 *
 * <p>Java 17's {@link Double#toString} is not this: it switches to an exponent below 10^-3 ({@code
 * 1.0E-4}) and is not always shortest ({@code 2.0E23} prints as {@code 2.0000000000000002E23}).
 */
public final class Decimals {

    private static final int MAX_DIGITS = 17;

    private Decimals() {}

    public static String shortest(double x) {
        if (!Double.isFinite(x)) {
            return "";
        }
        if (x == 0) {
            return Double.doubleToRawLongBits(x) < 0 ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(x);
        for (int digits = 1; digits <= MAX_DIGITS; digits++) {
            BigDecimal below = exact.round(new MathContext(digits, RoundingMode.FLOOR));
            BigDecimal above = exact.round(new MathContext(digits, RoundingMode.CEILING));
            boolean belowReadsBack = Double.parseDouble(below.toString()) == x;
            boolean aboveReadsBack = Double.parseDouble(above.toString()) == x;
            if (belowReadsBack && aboveReadsBack) {
                boolean belowNearer = exact.subtract(below).compareTo(above.subtract(exact)) <= 0;
                return plain(belowNearer ? below : above);
            }
            if (belowReadsBack || aboveReadsBack) {
                return plain(belowReadsBack ? below : above);
            }
        }
        throw new IllegalStateException("No decimal of 17 digits reads back as " + x);
    }

    private static String plain(BigDecimal value) {
        String text = value.stripTrailingZeros().toPlainString();
        return text.contains(".") ? text : text + ".0";
    }
}
