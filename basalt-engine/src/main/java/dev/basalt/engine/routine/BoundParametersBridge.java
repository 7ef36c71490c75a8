package dev.basalt.engine.routine;

import dev.basalt.engine.plan.BoundParameters;
import dev.basalt.engine.types.SqlType;

/** The SQL type a bare value has (as a placeholder's value would), for converting fetched values. */
final class BoundParametersBridge {
    private BoundParametersBridge() {}

    static SqlType typeOf(Object value) {
        return BoundParameters.literal(value).type();
    }
}
