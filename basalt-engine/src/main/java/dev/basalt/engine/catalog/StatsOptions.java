package dev.basalt.engine.catalog;

/**
 * InnoDB's persistent-statistics table options, as given (CREATE / ALTER TABLE): each is
 * {@link #DEFAULT} until set, and then the server's innodb_stats_* setting applies.
 *
 * @param persistent  STATS_PERSISTENT: 0 or 1 (Basalt's statistics are always stored; kept and shown)
 * @param autoRecalc  STATS_AUTO_RECALC: 0 or 1, whether statistics are taken again after 10% of the rows change
 * @param samplePages STATS_SAMPLE_PAGES: 1..65535 (kept and shown; ANALYZE reads whole indexes up to its own limit)
 */
public record StatsOptions(int persistent, int autoRecalc, int samplePages) {
    public static final int DEFAULT = -1;
    public static final StatsOptions NONE = new StatsOptions(DEFAULT, DEFAULT, DEFAULT);

    public boolean isDefault() { return equals(NONE); }

    /** Whether automatic recalculation runs for the table, given innodb_stats_auto_recalc. */
    public boolean autoRecalc(boolean serverDefault) { return autoRecalc == DEFAULT ? serverDefault : autoRecalc == 1; }

    /** As SHOW CREATE TABLE appends them: {@code " STATS_PERSISTENT=0 STATS_AUTO_RECALC=1 STATS_SAMPLE_PAGES=25"}. */
    public String createTableText() {
        StringBuilder b = new StringBuilder();
        if (persistent != DEFAULT) b.append(" STATS_PERSISTENT=").append(persistent);
        if (autoRecalc != DEFAULT) b.append(" STATS_AUTO_RECALC=").append(autoRecalc);
        if (samplePages != DEFAULT) b.append(" STATS_SAMPLE_PAGES=").append(samplePages);
        return b.toString();
    }

    /** As information_schema.TABLES.CREATE_OPTIONS lists them: {@code "stats_persistent=0 stats_auto_recalc=1"}. */
    public String createOptionsText() {
        return createTableText().strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** These options with the ones an ALTER TABLE / CREATE TABLE names replaced ({@code null}: not named). */
    public StatsOptions with(Integer persistent, Integer autoRecalc, Integer samplePages) {
        return new StatsOptions(persistent != null ? persistent : this.persistent, autoRecalc != null ? autoRecalc : this.autoRecalc,
                samplePages != null ? samplePages : this.samplePages);
    }
}
