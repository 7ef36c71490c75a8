package dev.basalt.engine.catalog;

/**
 * CREATE TABLE options.
 *
 * @param autoIncrementStart the AUTO_INCREMENT=n option (1 when not given)
 */
public record TableOptions(String engine, String charset, String collation, String comment, long autoIncrementStart) {

    public static final TableOptions DEFAULT = new TableOptions("InnoDB", "utf8mb4", "utf8mb4_0900_ai_ci", "", 1);

    public TableOptions {
        if (engine == null) engine = "InnoDB";
        if (charset == null) charset = "utf8mb4";
        if (collation == null) collation = "utf8mb4_0900_ai_ci";
        if (comment == null) comment = "";
        if (autoIncrementStart < 1) autoIncrementStart = 1;
    }

    public TableOptions withAutoIncrementStart(long n) { return new TableOptions(engine, charset, collation, comment, n); }
}
