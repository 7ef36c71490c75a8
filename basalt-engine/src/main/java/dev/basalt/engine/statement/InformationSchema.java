package dev.basalt.engine.statement;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.catalog.CatalogSnapshot;
import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.DatabaseDef;
import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.IndexPart;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.catalog.ViewDef;
import dev.basalt.engine.plan.PlanColumn;
import dev.basalt.engine.plan.VirtualTables;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.session.SystemVariables;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * information_schema (and the variables tables of performance_schema), computed from the catalog
 * snapshot of the statement. Complete enough for Connector/J's DatabaseMetaData and for tools.
 */
public final class InformationSchema implements VirtualTables {

    private static final SqlType TEXT = SqlType.varchar(64);
    private static final SqlType LONG_TEXT = SqlType.varchar(2048);
    private static final SqlType NUM = SqlType.BIGINT_UNSIGNED;
    private static final SqlType UINT = new SqlType(TypeKind.INT, 10, 0, 0, true, false, List.of(), null);
    /** The sys schema version MySQL 8.0 reports in sys.version. */
    private static final String SYS_VERSION = "2.1.1";

    private final BasaltEngine engine;
    private final BasaltSession session;
    private final CatalogSnapshot catalog;

    /** A view's columns as a table definition (derived from its query), or null when not known. */
    private final java.util.function.Function<ViewDef, TableDef> viewColumns;

    public InformationSchema(BasaltEngine engine, BasaltSession session, CatalogSnapshot catalog) {
        this(engine, session, catalog, v -> null);
    }

    public InformationSchema(BasaltEngine engine, BasaltSession session, CatalogSnapshot catalog,
            java.util.function.Function<ViewDef, TableDef> viewColumns) {
        this.engine = engine;
        this.session = session;
        this.catalog = catalog;
        this.viewColumns = viewColumns;
    }

    /** The tables of a database followed by its views shaped as tables (views MySQL cannot plan are left out). */
    private List<TableDef> withViews(DatabaseDef d) {
        List<TableDef> out = new ArrayList<>(withExternal(d));
        for (ViewDef v : catalog.views(d.name())) {
            try {
                TableDef td = viewColumns.apply(v);
                if (td != null) out.add(td);
            } catch (RuntimeException e) {
                // an invalid view (its table dropped): MySQL lists no columns for it either
            }
        }
        return out;
    }

    @Override
    public Table find(String schema, String name) {
        String s = schema.toLowerCase(Locale.ROOT);
        String n = name.toUpperCase(Locale.ROOT);
        if (s.equals("performance_schema")) {
            return switch (n) {
                case "SESSION_VARIABLES" -> table(this::sessionVariables, "VARIABLE_NAME", "VARIABLE_VALUE");
                case "GLOBAL_VARIABLES" -> table(this::globalVariables, "VARIABLE_NAME", "VARIABLE_VALUE");
                // most of Basalt's counters are server-wide: both tables show the same values (Bytes_* and sorts differ)
                case "GLOBAL_STATUS", "SESSION_STATUS" -> table(() -> ShowStatements.status(session, n.equals("GLOBAL_STATUS")),
                        "VARIABLE_NAME", "VARIABLE_VALUE");
                case "DATA_LOCKS" -> table(() -> DataLockTables.dataLocks(engine, catalog), DataLockTables.DATA_LOCKS);
                case "DATA_LOCK_WAITS" -> table(() -> DataLockTables.dataLockWaits(engine), DataLockTables.DATA_LOCK_WAITS);
                case "METADATA_LOCKS" -> table(() -> dev.basalt.engine.lock.MetadataLocks.rows(engine.tableLocks(), engine.tables().metadataLocks(), engine.sessions()),
                        dev.basalt.engine.lock.MetadataLocks.COLUMNS);
                default -> null;
            };
        }
        // MySQL 8's sys.version view (deprecated there, still read by tools to detect the sys schema)
        if (s.equals("sys") && n.equals("VERSION")) {
            return typed(() -> List.<Object[]>of(new Object[]{SYS_VERSION, engine.serverVersion()}),
                    "sys_version", SqlType.varchar(5), "mysql_version", SqlType.varchar(64));
        }
        if (s.equals("mysql") || (s.equals("information_schema") && n.endsWith("_PRIVILEGES"))) {
            // the grant tables, generated from the accounts (engine.security)
            var generated = session == null ? null
                    : dev.basalt.engine.security.PrivilegeTables.find(session, s, s.equals("mysql") ? name.toLowerCase(Locale.ROOT) : n);
            if (generated != null) return table(generated::rows, generated.columns().toArray(String[]::new));
        }
        if (!s.equals("information_schema")) return null;
        return switch (n) {
            case "SCHEMATA" -> table(this::schemata, "CATALOG_NAME", "SCHEMA_NAME", "DEFAULT_CHARACTER_SET_NAME",
                    "DEFAULT_COLLATION_NAME", "SQL_PATH", "DEFAULT_ENCRYPTION");
            case "TABLES" -> tables();
            case "COLUMNS" -> columns();
            case "STATISTICS" -> statistics();
            case "COLUMN_STATISTICS" -> typed(() -> visible(ColumnStatisticsRows.rows(engine, session, catalog), 0, 1),
                    "SCHEMA_NAME", TEXT, "TABLE_NAME", TEXT, "COLUMN_NAME", TEXT, "HISTOGRAM", SqlType.of(dev.basalt.engine.types.TypeKind.JSON));
            case "KEY_COLUMN_USAGE" -> keyColumnUsage();
            case "TABLE_CONSTRAINTS" -> table(this::tableConstraints, "CONSTRAINT_CATALOG", "CONSTRAINT_SCHEMA",
                    "CONSTRAINT_NAME", "TABLE_SCHEMA", "TABLE_NAME", "CONSTRAINT_TYPE", "ENFORCED");
            case "VIEWS" -> table(this::views, "TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "VIEW_DEFINITION",
                    "CHECK_OPTION", "IS_UPDATABLE", "DEFINER", "SECURITY_TYPE", "CHARACTER_SET_CLIENT", "COLLATION_CONNECTION");
            case "ENGINES" -> table(() -> List.<Object[]>of(
                    new Object[]{"InnoDB", "DEFAULT", "Basalt's transactional storage (LMDB or memory), reported as InnoDB for compatibility", "YES", "NO", "YES"}),
                    "ENGINE", "SUPPORT", "COMMENT", "TRANSACTIONS", "XA", "SAVEPOINTS");
            case "CHARACTER_SETS" -> table(() -> List.<Object[]>of(
                    new Object[]{"utf8mb4", "utf8mb4_0900_ai_ci", "UTF-8 Unicode", 4L},
                    new Object[]{"binary", "binary", "Binary pseudo charset", 1L}),
                    "CHARACTER_SET_NAME", "DEFAULT_COLLATE_NAME", "DESCRIPTION", "MAXLEN");
            case "COLLATIONS" -> table(() -> List.<Object[]>of(
                    new Object[]{"utf8mb4_0900_ai_ci", "utf8mb4", 255L, "Yes", "Yes", 0L, "NO PAD"},
                    new Object[]{"utf8mb4_bin", "utf8mb4", 46L, "", "Yes", 1L, "PAD SPACE"},
                    new Object[]{"binary", "binary", 63L, "Yes", "Yes", 1L, "NO PAD"}),
                    "COLLATION_NAME", "CHARACTER_SET_NAME", "ID", "IS_DEFAULT", "IS_COMPILED", "SORTLEN", "PAD_ATTRIBUTE");
            case "KEYWORDS" -> typed(KeywordRows::rows, "WORD", SqlType.varchar(128), "RESERVED", SqlType.INT);
            // the units ST_Distance / ST_Length accept, as MySQL 8.0.14 lists them
            case "ST_UNITS_OF_MEASURE" -> typed(() -> dev.basalt.engine.spatial.LengthUnits.all().entrySet().stream()
                            .map(e -> new Object[]{e.getKey(), "LINEAR", e.getValue(), ""}).toList(),
                    "UNIT_NAME", SqlType.varchar(255), "UNIT_TYPE", SqlType.varchar(7), "CONVERSION_FACTOR", SqlType.DOUBLE,
                    "DESCRIPTION", SqlType.varchar(255));
            // MySQL 8's view over COLUMNS: the spatial columns, with their SRID and its name (GIS tools read it)
            // the SRSs Basalt knows (MySQL 8 lists its ~5000 EPSG ones); ORGANIZATION NULL for SRID 0
            case "ST_SPATIAL_REFERENCE_SYSTEMS" -> typed(() -> dev.basalt.engine.spatial.Srs.ALL.stream()
                            .map(id -> new Object[]{dev.basalt.engine.spatial.Srs.name(id), id, id == 0 ? null : "EPSG",
                                    id == 0 ? null : id, dev.basalt.engine.spatial.Srs.definition(id), null}).toList(),
                    "SRS_NAME", SqlType.varchar(80), "SRS_ID", UINT, "ORGANIZATION", SqlType.varchar(256),
                    "ORGANIZATION_COORDSYS_ID", UINT, "DEFINITION", SqlType.varchar(4096), "DESCRIPTION", SqlType.varchar(2048));
            case "INNODB_TABLES" -> typed(() -> rows(r -> eachTable(t -> {
                        if (visibleTable(t)) r.add(InnoDbCatalogTables.tableRow(t));
                    })), InnoDbCatalogTables.TABLES_COLUMNS);
            case "INNODB_COLUMNS" -> typed(() -> rows(r -> eachTable(t -> {
                        if (visibleTable(t)) InnoDbCatalogTables.columnRows(t, r);
                    })), InnoDbCatalogTables.COLUMNS_COLUMNS);
            case "ST_GEOMETRY_COLUMNS" -> typed(this::geometryColumns, "TABLE_CATALOG", TEXT, "TABLE_SCHEMA", TEXT,
                    "TABLE_NAME", TEXT, "COLUMN_NAME", TEXT, "SRS_NAME", SqlType.varchar(80), "SRS_ID", new SqlType(dev.basalt.engine.types.TypeKind.INT, 10, 0, 0, true, false, List.of(), null),
                    "GEOMETRY_TYPE_NAME", SqlType.varchar(64));
            case "ROUTINES" -> StoredProgramTables.routines(engine);
            case "PARAMETERS" -> StoredProgramTables.parameters(engine);
            case "TRIGGERS" -> StoredProgramTables.triggers(engine);
            case "REFERENTIAL_CONSTRAINTS" -> table(() -> rows(r -> ConstraintTables.referentialConstraints(catalog, r)),
                    ConstraintTables.REFERENTIAL_CONSTRAINTS);
            case "CHECK_CONSTRAINTS" -> table(() -> rows(r -> ConstraintTables.checkConstraints(catalog, r)),
                    ConstraintTables.CHECK_CONSTRAINTS);
            case "PARTITIONS" -> typed(() -> rows(r -> PartitionTables.rows(session, catalog, r)), PartitionTables.COLUMNS);
            case "EVENTS" -> table(() -> dev.basalt.engine.event.EventShow.informationSchemaRows(engine.events()),
                    EmptyCatalogTables.columns(n).toArray(String[]::new));
            case "PLUGINS", "FILES", "USER_PRIVILEGES", "SCHEMA_PRIVILEGES",
                 "TABLE_PRIVILEGES", "COLUMN_PRIVILEGES" ->
                    table(List::of, EmptyCatalogTables.columns(n).toArray(String[]::new));
            // typed as MySQL 8's (clients sort and compare ID and TIME as numbers)
            case "PROCESSLIST" -> typed(this::processList, "ID", NUM, "USER", TEXT, "HOST", SqlType.varchar(261), "DB", TEXT,
                    "COMMAND", TEXT, "TIME", SqlType.INT, "STATE", TEXT, "INFO", SqlType.LONGTEXT);
            case "SESSION_VARIABLES" -> table(this::sessionVariables, "VARIABLE_NAME", "VARIABLE_VALUE");
            case "GLOBAL_VARIABLES" -> table(this::globalVariables, "VARIABLE_NAME", "VARIABLE_VALUE");
            default -> null;
        };
    }

    /**
     * Rows the session may see: an account without privileges on a schema or table does not see
     * it listed (MySQL's information_schema filtering). tableCol -1: rows name schemas only.
     */
    private List<Object[]> visible(List<Object[]> rows, int schemaCol, int tableCol) {
        if (session == null || session.principal().superuser()) return rows;
        List<Object[]> out = new ArrayList<>();
        for (Object[] r : rows) {
            String db = (String) r[schemaCol];
            boolean ok = tableCol < 0 ? dev.basalt.engine.security.AccessCheck.visibleDatabase(session, db)
                    : dev.basalt.engine.security.AccessCheck.visibleTable(session, db, (String) r[tableCol]);
            if (ok) out.add(r);
        }
        return out;
    }

    private static List<Object[]> rows(java.util.function.Consumer<List<Object[]>> fill) {
        List<Object[]> rows = new ArrayList<>();
        fill.accept(rows);
        return rows;
    }

    /** A table whose columns are all text (VARCHAR(64)); {@link #typed} gives each column its type. */
    private static Table table(Supplier<List<Object[]>> rows, String... names) {
        List<PlanColumn> cols = new ArrayList<>();
        for (String n : names) cols.add(PlanColumn.expression(n, TEXT, true));
        return new Table(cols, rows);
    }

    private static Table typed(Supplier<List<Object[]>> rows, Object... namesAndTypes) {
        List<PlanColumn> cols = new ArrayList<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            cols.add(PlanColumn.expression((String) namesAndTypes[i], (SqlType) namesAndTypes[i + 1], true));
        }
        return new Table(cols, rows);
    }

    /** Runs {@code each} for every base table of the catalog. */
    private void eachTable(java.util.function.Consumer<TableDef> each) {
        for (DatabaseDef d : catalog.databases()) for (TableDef t : catalog.tables(d.name())) each.accept(t);
    }

    private boolean visibleTable(TableDef t) {
        return session == null || session.principal().superuser()
                || dev.basalt.engine.security.AccessCheck.visibleTable(session, t.database(), t.name());
    }

    /** ST_GEOMETRY_COLUMNS: each spatial column of the base tables the session may see. */
    private List<Object[]> geometryColumns() {
        List<Object[]> rows = new ArrayList<>();
        for (DatabaseDef d : catalog.databases()) {
            for (TableDef t : catalog.tables(d.name())) {
                for (dev.basalt.engine.catalog.ColumnDef c : t.columns()) {
                    if (!c.type().kind().isSpatial()) continue;
                    Long srid = dev.basalt.engine.spatial.SpatialTypes.srid(c.type());
                    rows.add(new Object[]{"def", t.database(), t.name(), c.name(),
                            srid == null ? null : dev.basalt.engine.spatial.Srs.name(srid), srid,
                            dev.basalt.engine.spatial.SpatialTypes.typeName(c.type().kind())});
                }
            }
        }
        return visible(rows, 1, 2);
    }

    private List<Object[]> schemata() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[]{"def", "information_schema", "utf8mb3", "utf8mb3_general_ci", null, "NO"});
        for (DatabaseDef d : catalog.databases()) {
            rows.add(new Object[]{"def", d.name(), d.charset(), d.collation(), null, "NO"});
        }
        rows.add(new Object[]{"def", "performance_schema", "utf8mb4", "utf8mb4_0900_ai_ci", null, "NO"});
        rows.sort((a, b) -> ((String) a[1]).compareTo((String) b[1]));
        return visible(rows, 1, -1);
    }

    private Table tables() {
        return typed(() -> {
            List<Object[]> rows = new ArrayList<>();
            for (DatabaseDef d : catalog.databases()) {
                for (TableDef t : catalog.tables(d.name())) {
                    TableStatistics st = statistics(t);
                    rows.add(new Object[]{"def", t.database(), t.name(), "BASE TABLE", t.options().engine(), 10L, "Dynamic",
                            st.rows(), st.avgRowLength(), st.dataLength(), 0L, st.indexLength(), 0L, st.autoIncrement(),
                            null, null, null, t.options().collation(), null, t.options().stats().createOptionsText(), t.options().comment()});
                }
                for (String name : externalTableNames(d)) {
                    rows.add(new Object[]{"def", d.name(), name, "BASE TABLE", "FEDERATED", 10L, "Dynamic",
                            null, null, null, null, null, null, null, null, null, null, null, null, "", ""});
                }
                for (ViewDef v : catalog.views(d.name())) {
                    rows.add(new Object[]{"def", v.database(), v.name(), "VIEW", null, null, null, null, null, null, null,
                            null, null, null, null, null, null, null, null, null, "VIEW"});
                }
            }
            return visible(rows, 1, 2);
        }, "TABLE_CATALOG", TEXT, "TABLE_SCHEMA", TEXT, "TABLE_NAME", TEXT, "TABLE_TYPE", TEXT, "ENGINE", TEXT,
                "VERSION", NUM, "ROW_FORMAT", TEXT, "TABLE_ROWS", NUM, "AVG_ROW_LENGTH", NUM, "DATA_LENGTH", NUM,
                "MAX_DATA_LENGTH", NUM, "INDEX_LENGTH", NUM, "DATA_FREE", NUM, "AUTO_INCREMENT", NUM,
                "CREATE_TIME", SqlType.DATETIME, "UPDATE_TIME", SqlType.DATETIME, "CHECK_TIME", SqlType.DATETIME,
                "TABLE_COLLATION", TEXT, "CHECKSUM", NUM, "CREATE_OPTIONS", TEXT, "TABLE_COMMENT", LONG_TEXT);
    }

    /** Size estimates of a table, read in the statement's transaction (or a short one of their own). */
    TableStatistics statistics(TableDef t) {
        var txn = session.currentTransaction();
        if (txn != null) return TableStatistics.of(engine, txn, t);
        return session.transaction().run(tx -> TableStatistics.of(engine, tx, t));
    }

    /**
     * Table names of an external database (empty for a local one). A remote that cannot be reached
     * leaves its tables out with a warning rather than failing every information_schema query.
     */
    private List<String> externalTableNames(DatabaseDef d) {
        if (!d.isExternal()) return List.of();
        try {
            return engine.externals().open(d).tableNames();
        } catch (dev.basalt.engine.api.SqlException e) {
            session.warn(dev.basalt.engine.expr.EvalContext.Level.WARNING, e.errorCode(), e.getMessage());
            return List.of();
        }
    }

    /** The database's tables, its external tables included (their definitions as the planner sees them). */
    private List<TableDef> withExternal(DatabaseDef d) {
        if (!d.isExternal()) return catalog.tables(d.name());
        List<TableDef> out = new ArrayList<>();
        try {
            var db = engine.externals().open(d);
            for (String name : db.tableNames()) {
                TableDef t = engine.externals().table(d.name(), db, name);
                if (t != null) out.add(t);
            }
        } catch (dev.basalt.engine.api.SqlException e) {
            session.warn(dev.basalt.engine.expr.EvalContext.Level.WARNING, e.errorCode(), e.getMessage());
        }
        return out;
    }

    /** PRI / UNI / MUL for DESCRIBE and COLUMNS.COLUMN_KEY. */
    static String columnKey(TableDef t, int column) {
        for (IndexDef ix : t.indexes()) if (ix.primary() && ix.covers(column)) return "PRI";
        for (IndexDef ix : t.indexes()) {
            if (ix.unique() && ix.parts().size() == 1 && ix.parts().get(0).column() == column) return "UNI";
        }
        for (IndexDef ix : t.indexes()) if (!ix.parts().isEmpty() && ix.parts().get(0).column() == column) return "MUL";
        return "";
    }

    private Table columns() {
        return typed(() -> {
            List<Object[]> rows = new ArrayList<>();
            for (DatabaseDef d : catalog.databases()) {
                for (TableDef t : withViews(d)) {
                    for (int i = 0; i < t.columns().size(); i++) {
                        ColumnDef c = t.columns().get(i);
                        SqlType ty = c.type();
                        Long maxChars = TypeText.maxChars(ty);
                        Long octets = maxChars == null ? null : ty.kind().isBinary() || ty.kind() == TypeKind.JSON ? maxChars
                                : ty.kind().isLob() ? maxChars : maxChars * 4;
                        Long precision = null, scale = null, dtPrecision = null;
                        if (ty.kind().isNumeric()) {
                            precision = switch (ty.kind()) {
                                case TINYINT -> 3L; case SMALLINT -> 5L; case MEDIUMINT -> 7L;
                                case INT -> 10L; case BIGINT -> ty.unsigned() ? 20L : 19L;
                                case DECIMAL -> (long) ty.precision();
                                case FLOAT -> 12L; case DOUBLE -> 22L;
                                case BIT -> (long) Math.max(1, ty.length());
                                default -> null;
                            };
                            if (ty.kind() == TypeKind.DECIMAL || ty.kind().isInteger()) scale = (long) Math.max(0, ty.scale());
                            else if (ty.scale() >= 0) scale = (long) ty.scale();
                        }
                        if (ty.kind() == TypeKind.TIME || ty.kind() == TypeKind.DATETIME || ty.kind() == TypeKind.TIMESTAMP) {
                            dtPrecision = (long) Math.max(0, ty.scale());
                        }
                        rows.add(new Object[]{"def", t.database(), t.name(), c.name(), (long) (i + 1), TypeText.defaultText(c, t),
                                c.nullable() ? "YES" : "NO", TypeText.dataType(ty), maxChars, octets, precision, scale,
                                dtPrecision, TypeText.charset(ty), TypeText.collation(ty), TypeText.columnType(ty),
                                columnKey(t, i), TypeText.extra(c), "select,insert,update,references", c.comment(),
                                c.isGenerated() ? dev.basalt.engine.constraint.ExpressionText.display(c.generated().sql(), t) : "", null});
                    }
                }
            }
            return visible(rows, 1, 2);
        }, "TABLE_CATALOG", TEXT, "TABLE_SCHEMA", TEXT, "TABLE_NAME", TEXT, "COLUMN_NAME", TEXT,
                "ORDINAL_POSITION", NUM, "COLUMN_DEFAULT", LONG_TEXT, "IS_NULLABLE", TEXT, "DATA_TYPE", TEXT,
                "CHARACTER_MAXIMUM_LENGTH", NUM, "CHARACTER_OCTET_LENGTH", NUM, "NUMERIC_PRECISION", NUM,
                "NUMERIC_SCALE", NUM, "DATETIME_PRECISION", NUM, "CHARACTER_SET_NAME", TEXT, "COLLATION_NAME", TEXT,
                "COLUMN_TYPE", LONG_TEXT, "COLUMN_KEY", TEXT, "EXTRA", TEXT, "PRIVILEGES", TEXT, "COLUMN_COMMENT", LONG_TEXT,
                "GENERATION_EXPRESSION", LONG_TEXT, "SRS_ID", NUM);
    }

    private Table statistics() {
        return typed(() -> {
            List<Object[]> rows = new ArrayList<>();
            for (DatabaseDef d : catalog.databases()) {
                for (TableDef t : catalog.tables(d.name())) {
                    rows.addAll(indexRows(t, true, IndexCardinality.of(engine, session.currentTransaction(), t)));
                }
            }
            return rows;
        }, "TABLE_CATALOG", TEXT, "TABLE_SCHEMA", TEXT, "TABLE_NAME", TEXT, "NON_UNIQUE", SqlType.INT,
                "INDEX_SCHEMA", TEXT, "INDEX_NAME", TEXT, "SEQ_IN_INDEX", NUM, "COLUMN_NAME", TEXT, "COLLATION", TEXT,
                "CARDINALITY", NUM, "SUB_PART", NUM, "PACKED", TEXT, "NULLABLE", TEXT, "INDEX_TYPE", TEXT,
                "COMMENT", TEXT, "INDEX_COMMENT", TEXT, "IS_VISIBLE", TEXT, "EXPRESSION", TEXT);
    }

    /** One row per index part, in the information_schema.STATISTICS layout. */
    static List<Object[]> indexRows(TableDef t, boolean withCatalog, IndexCardinality cardinality) {
        List<Object[]> rows = new ArrayList<>();
        for (IndexDef ix : t.indexes()) {
            int seq = 1;
            for (IndexPart p : ix.parts()) {
                ColumnDef c = t.columns().get(p.column());
                rows.add(new Object[]{"def", t.database(), t.name(), ix.unique() ? 0L : 1L, t.database(), ix.name(),
                        (long) seq, c.name(), ix.fulltext() ? null : p.descending() ? "D" : "A", cardinality.of(ix, seq++),
                        // a SPATIAL index shows InnoDB's 32-byte MBR key as its sub-part
                        ix.spatial() ? (Long) 32L : p.prefixLength() > 0 ? (long) p.prefixLength() : null, null, c.nullable() ? "YES" : "",
                        ix.fulltext() ? "FULLTEXT" : ix.spatial() ? "SPATIAL" : "BTREE", "", "", "YES", null});
            }
        }
        return rows;
    }

    private Table keyColumnUsage() {
        return typed(() -> {
            List<Object[]> rows = new ArrayList<>();
            for (DatabaseDef d : catalog.databases()) {
                for (TableDef t : catalog.tables(d.name())) {
                    for (IndexDef ix : t.indexes()) {
                        if (!ix.unique()) continue;
                        long pos = 1;
                        for (IndexPart p : ix.parts()) {
                            rows.add(new Object[]{"def", t.database(), ix.name(), "def", t.database(), t.name(),
                                    t.columns().get(p.column()).name(), pos++, null, null, null, null});
                        }
                    }
                    ConstraintTables.keyColumnUsage(t, rows);
                }
            }
            return rows;
        }, "CONSTRAINT_CATALOG", TEXT, "CONSTRAINT_SCHEMA", TEXT, "CONSTRAINT_NAME", TEXT, "TABLE_CATALOG", TEXT,
                "TABLE_SCHEMA", TEXT, "TABLE_NAME", TEXT, "COLUMN_NAME", TEXT, "ORDINAL_POSITION", NUM,
                "POSITION_IN_UNIQUE_CONSTRAINT", NUM, "REFERENCED_TABLE_SCHEMA", TEXT, "REFERENCED_TABLE_NAME", TEXT,
                "REFERENCED_COLUMN_NAME", TEXT);
    }

    private List<Object[]> tableConstraints() {
        List<Object[]> rows = new ArrayList<>();
        for (DatabaseDef d : catalog.databases()) {
            for (TableDef t : catalog.tables(d.name())) {
                for (IndexDef ix : t.indexes()) {
                    if (!ix.unique()) continue;
                    rows.add(new Object[]{"def", t.database(), ix.name(), t.database(), t.name(),
                            ix.primary() ? "PRIMARY KEY" : "UNIQUE", "YES"});
                }
                ConstraintTables.tableConstraints(t, rows);
            }
        }
        return rows;
    }

    private List<Object[]> views() {
        List<Object[]> rows = new ArrayList<>();
        for (DatabaseDef d : catalog.databases()) {
            for (ViewDef v : catalog.views(d.name())) {
                rows.add(new Object[]{"def", v.database(), v.name(), v.selectSql(), v.checkOption(),
                        ViewWrites.updatable(v) ? "YES" : "NO", dev.basalt.engine.security.Definer.parse(v.definer()).plain(),
                        v.invokerSecurity() ? "INVOKER" : "DEFINER", "utf8mb4", "utf8mb4_0900_ai_ci"});
            }
        }
        return rows;
    }

    List<Object[]> processList() {
        List<Object[]> rows = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (BasaltSession s : engine.sessions()) {
            String stmt = s.currentStatement();
            rows.add(new Object[]{s.connectionId(), s.userName(), s.host(), s.database(), stmt == null ? "Sleep" : "Query",
                    stmt == null ? 0L : (now - s.statementStartMillis()) / 1000, stmt == null ? "" : s.progress() != null ? s.progress() : "executing", stmt});
        }
        return rows;
    }

    List<Object[]> sessionVariables() {
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<String, SystemVariables.Def> e : engine.variables().all().entrySet()) {
            rows.add(new Object[]{e.getKey(), display(e.getValue(), session.variables().get(e.getKey()))});
        }
        return rows;
    }

    List<Object[]> globalVariables() {
        return globalVariables(engine);
    }

    /** SHOW GLOBAL VARIABLES rows: the engine's alone, no session needed. */
    static List<Object[]> globalVariables(BasaltEngine engine) {
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<String, SystemVariables.Def> e : engine.variables().all().entrySet()) {
            if (e.getValue().scope() == SystemVariables.Scope.SESSION) continue;
            rows.add(new Object[]{e.getKey(), display(e.getValue(), engine.variables().global(e.getKey()))});
        }
        return rows;
    }

    /** SHOW VARIABLES prints booleans as ON/OFF. */
    static String display(SystemVariables.Def d, Object v) {
        if (v == null) return "";
        if (d.kind() == SystemVariables.Kind.BOOL) return Long.valueOf(1).equals(v) ? "ON" : "OFF";
        return v.toString();
    }
}
