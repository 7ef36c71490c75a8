package dev.basalt.engine.expr;

import dev.basalt.engine.types.Numbers;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;

import java.util.HexFormat;

/**
 * X'..' / 0x.. / b'..': a binary string that turns into an unsigned integer in numeric context
 * (0x41 + 0 = 65, while a VARBINARY column holding 'A' gives 0).
 */
public record HexLiteral(byte[] bytes) implements Expr {

    @Override public SqlType type() { return SqlType.of(TypeKind.VARBINARY, bytes.length); }

    @Override public boolean nullable() { return false; }

    @Override public Object eval(EvalContext ctx, Object[] row) { return bytes; }

    @Override public boolean isConstant() { return true; }

    /** The value as a number: Long, or BigInteger above Long.MAX_VALUE. */
    public Object numericValue() { return Numbers.bytesToUnsigned(bytes); }

    /** The literal in numeric form. */
    public Literal asNumber() {
        Object v = numericValue();
        return new Literal(v, SqlType.BIGINT_UNSIGNED);
    }

    @Override public String toString() { return "0x" + HexFormat.of().formatHex(bytes); }
}
