package dev.basalt.sql.ast;

/**
 * A hexadecimal literal {@code X'4142'} or {@code 0x4142}.
 * @param digits the hex digits as written (may be odd-length for the 0x form)
 * @param charset an introducer, or null
 */
public record HexLiteral(String digits, String charset) implements Expression {
    /** The bytes, left-padding an odd number of digits with a zero as MySQL does. */
    public byte[] toBytes() {
        int n = digits.length();
        byte[] out = new byte[(n + 1) / 2];
        int d = n - 1;
        for (int i = out.length - 1; i >= 0; i--) {
            int lo = Character.digit(digits.charAt(d--), 16);
            int hi = d >= 0 ? Character.digit(digits.charAt(d--), 16) : 0;
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }
}
