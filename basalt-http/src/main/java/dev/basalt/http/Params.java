package dev.basalt.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.engine.api.ErrorCode;

/**
 * JSON parameters to the Java values {@code Session.executePrepared} binds: null, 1/0 for booleans,
 * Long or BigInteger for integers, BigDecimal for other numbers (exact, as the client wrote them),
 * strings as they are, and arrays or objects as their JSON text (for JSON columns).
 */
final class Params {

    private Params() {}

    static Object[] toJava(JsonNode params) {
        if (params == null || params.isNull() || params.isMissingNode()) return new Object[0];
        if (!params.isArray()) throw ApiError.http(400, ErrorCode.ER_WRONG_ARGUMENTS, "'params' must be an array");
        Object[] out = new Object[params.size()];
        for (int i = 0; i < out.length; i++) out[i] = value(params.get(i));
        return out;
    }

    private static Object value(JsonNode n) {
        if (n.isNull()) return null;
        if (n.isBoolean()) return n.booleanValue() ? 1L : 0L;
        if (n.isIntegralNumber()) return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
        if (n.isNumber()) return n.decimalValue();
        if (n.isTextual()) return n.textValue();
        return n.toString();
    }
}
