package dev.basalt.engine.function;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;

import java.util.Locale;

/**
 * The options argument of the WKT/WKB functions: {@code axis-order=lat-long|long-lat|srid-defined}.
 * Only axis-order exists in MySQL 8; anything else is refused honestly (1235) rather than guessed.
 */
final class AxisOrder {
    private AxisOrder() {}

    /** Whether the options ask for longitude first (internal order) rather than the SRS's order. */
    static boolean longitudeFirst(String options, String function) {
        boolean longFirst = false;
        for (String part : options.split(",")) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) continue;
            switch (p.replace(" ", "")) {
                case "axis-order=long-lat" -> longFirst = true;
                case "axis-order=lat-long", "axis-order=srid-defined" -> longFirst = false;
                default -> throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET,
                        "option '" + part.strip() + "' in " + function.toLowerCase(Locale.ROOT));
            }
        }
        return longFirst;
    }
}
