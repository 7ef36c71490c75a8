package dev.basalt.engine.function;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.expr.Expr;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The scalar function library: name lookup at build time, one implementation object per call site. */
public final class Functions {
    private Functions() {}

    private static final Map<String, FunctionDef> DEFS = new HashMap<>();

    static void register(String names, int min, int max, FunctionDef.Builder builder) {
        for (String n : names.split(" ")) DEFS.put(n, new FunctionDef(n, min, max, builder));
    }

    static {
        StringFunctions.register();
        MathFunctions.register();
        ControlFunctions.register();
        DateFunctions.register();
        InfoFunctions.register();
        MiscFunctions.register();
        JsonFunctions.register();
        SpatialFunctions.register();
        SpatialAnalysis.register();
        ArrayFunctions.register();
        PgTypeOf.register();
        PgSessionValues.register();
        IntervalFunctions.register();
    }

    /** Whether a scalar function of that name exists (case-insensitive). */
    public static boolean exists(String name) { return DEFS.containsKey(name.toUpperCase(Locale.ROOT)); }

    /**
     * @throws SqlException 1305 unknown function ("FUNCTION db.name does not exist"),
     *                      1582 wrong argument count
     */
    public static Expr create(String name, List<Expr> args, String currentDatabase) {
        String upper = name.toUpperCase(Locale.ROOT);
        FunctionDef def = DEFS.get(upper);
        if (def == null) {
            String qualified = currentDatabase == null ? name : currentDatabase + "." + name;
            throw new SqlException(1305, "42000", "FUNCTION " + qualified + " does not exist");
        }
        if (args.size() < def.minArgs() || args.size() > def.maxArgs()) {
            throw new SqlException(1582, "42000", "Incorrect parameter count in the call to native function '" + name + "'");
        }
        return def.builder().build(upper, args);
    }
}
