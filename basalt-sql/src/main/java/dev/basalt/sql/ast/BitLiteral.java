package dev.basalt.sql.ast;

/**
 * A bit-value literal {@code b'101'} or {@code 0b101}.
 * @param digits the binary digits as written
 * @param charset an introducer, or null
 */
public record BitLiteral(String digits, String charset) implements Expression {
    /** The bytes, big-endian, left-padded with zero bits to whole bytes. */
    public byte[] toBytes() {
        int n = digits.length();
        byte[] out = new byte[Math.max(1, (n + 7) / 8)];
        for (int i = 0; i < n; i++) {
            if (digits.charAt(n - 1 - i) == '1') {
                out[out.length - 1 - i / 8] |= (byte) (1 << (i % 8));
            }
        }
        return out;
    }
}
