package dev.basalt.engine.catalog;

/**
 * CREATE TABLE options.
 *
 * @param autoIncrementStart the AUTO_INCREMENT=n option (1 when not given)
 * @param partitioning the PARTITION BY clause as SHOW CREATE TABLE prints it inside its version
 *        comment (see {@code engine.partition.Partitioning}), or null for a table without partitions
 * @param stats STATS_PERSISTENT / STATS_AUTO_RECALC / STATS_SAMPLE_PAGES
 */
public record TableOptions(String engine, String charset, String collation, String comment, long autoIncrementStart,
                           String partitioning, StatsOptions stats) {

    public TableOptions(String engine, String charset, String collation, String comment, long autoIncrementStart) {
        this(engine, charset, collation, comment, autoIncrementStart, null, StatsOptions.NONE);
    }

    public TableOptions(String engine, String charset, String collation, String comment, long autoIncrementStart,
                        String partitioning) {
        this(engine, charset, collation, comment, autoIncrementStart, partitioning, StatsOptions.NONE);
    }

    public static final TableOptions DEFAULT = new TableOptions("InnoDB", "utf8mb4", "utf8mb4_0900_ai_ci", "", 1);

    public TableOptions {
        if (engine == null) engine = "InnoDB";
        if (charset == null) charset = "utf8mb4";
        if (collation == null) collation = "utf8mb4_0900_ai_ci";
        if (comment == null) comment = "";
        if (autoIncrementStart < 1) autoIncrementStart = 1;
        if (stats == null) stats = StatsOptions.NONE;
    }

    public TableOptions withAutoIncrementStart(long n) { return new TableOptions(engine, charset, collation, comment, n, partitioning, stats); }

    public TableOptions withPartitioning(String p) { return new TableOptions(engine, charset, collation, comment, autoIncrementStart, p, stats); }

    public TableOptions withStats(StatsOptions s) { return new TableOptions(engine, charset, collation, comment, autoIncrementStart, partitioning, s); }
}
