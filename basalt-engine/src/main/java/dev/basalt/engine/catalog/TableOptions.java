package dev.basalt.engine.catalog;

/**
 * CREATE TABLE options.
 *
 * @param autoIncrementStart the AUTO_INCREMENT=n option (1 when not given)
 * @param partitioning the PARTITION BY clause as SHOW CREATE TABLE prints it inside its version
 *        comment (see {@code engine.partition.Partitioning}), or null for a table without partitions
 */
public record TableOptions(String engine, String charset, String collation, String comment, long autoIncrementStart,
                           String partitioning) {

    public TableOptions(String engine, String charset, String collation, String comment, long autoIncrementStart) {
        this(engine, charset, collation, comment, autoIncrementStart, null);
    }

    public static final TableOptions DEFAULT = new TableOptions("InnoDB", "utf8mb4", "utf8mb4_0900_ai_ci", "", 1);

    public TableOptions {
        if (engine == null) engine = "InnoDB";
        if (charset == null) charset = "utf8mb4";
        if (collation == null) collation = "utf8mb4_0900_ai_ci";
        if (comment == null) comment = "";
        if (autoIncrementStart < 1) autoIncrementStart = 1;
    }

    public TableOptions withAutoIncrementStart(long n) { return new TableOptions(engine, charset, collation, comment, n, partitioning); }

    public TableOptions withPartitioning(String p) { return new TableOptions(engine, charset, collation, comment, autoIncrementStart, p); }
}
