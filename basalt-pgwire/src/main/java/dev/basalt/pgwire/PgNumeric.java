package dev.basalt.pgwire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;

/**
 * PostgreSQL's binary numeric: ndigits, weight, sign, dscale, then base-10000 digits, the first
 * of which has the weight (a power of 10000) given.
 */
final class PgNumeric {
    private static final int POSITIVE = 0x0000, NEGATIVE = 0x4000;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    private PgNumeric() {}

    static byte[] encode(BigDecimal value) {
        int dscale = Math.max(value.scale(), 0);
        BigDecimal abs = value.abs();
        // Align the scale on a multiple of 4 so the unscaled value splits into whole base-10000 digits.
        int scale4 = (dscale + 3) / 4 * 4;
        BigInteger unscaled = abs.setScale(scale4).unscaledValue();
        java.util.ArrayDeque<Integer> digits = new java.util.ArrayDeque<>();
        while (unscaled.signum() > 0) {
            BigInteger[] qr = unscaled.divideAndRemainder(TEN_THOUSAND);
            digits.addFirst(qr[1].intValue());
            unscaled = qr[0];
        }
        int weight = digits.size() - 1 - scale4 / 4;
        // strip trailing zero digits (they carry no information) and leading ones
        java.util.ArrayList<Integer> list = new java.util.ArrayList<>(digits);
        while (!list.isEmpty() && list.getLast() == 0) list.removeLast();
        while (!list.isEmpty() && list.getFirst() == 0) {
            list.removeFirst();
            weight--;
        }
        if (list.isEmpty()) weight = 0;
        ByteBuffer b = ByteBuffer.allocate(8 + 2 * list.size());
        b.putShort((short) list.size()).putShort((short) weight)
                .putShort((short) (value.signum() < 0 ? NEGATIVE : POSITIVE)).putShort((short) dscale);
        for (int d : list) b.putShort((short) d);
        return b.array();
    }

    static BigDecimal decode(ByteBuffer b) {
        int ndigits = b.getShort(), weight = b.getShort(), sign = b.getShort() & 0xFFFF, dscale = b.getShort();
        if (sign == 0xC000) throw new ArithmeticException("NaN");
        BigInteger unscaled = BigInteger.ZERO;
        for (int i = 0; i < ndigits; i++) unscaled = unscaled.multiply(TEN_THOUSAND).add(BigInteger.valueOf(b.getShort()));
        // value = unscaled * 10000^(weight - ndigits + 1)
        BigDecimal v = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - ndigits + 1));
        v = v.setScale(Math.max(dscale, 0), java.math.RoundingMode.HALF_UP);
        return sign == NEGATIVE ? v.negate() : v;
    }
}
