package dev.basalt.engine.statement;

import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.CatalogSnapshot;
import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.DatabaseDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.catalog.ViewDef;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.Exprs;
import dev.basalt.engine.plan.ExplainBlocks;
import dev.basalt.engine.plan.ExprBinder;
import dev.basalt.engine.plan.PlanColumn;
import dev.basalt.engine.plan.QueryPlanner;
import dev.basalt.engine.plan.Scope;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.session.Warning;
import dev.basalt.engine.txn.Transaction;
import dev.basalt.engine.types.SqlType;
import dev.basalt.sql.ast.Describe;
import dev.basalt.sql.ast.Explain;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.QualifiedName;
import dev.basalt.sql.ast.Query;
import dev.basalt.sql.ast.Show;
import dev.basalt.sql.ast.TableMaintenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SHOW ..., DESCRIBE, EXPLAIN and table maintenance statements. */
final class ShowStatements {
    private ShowStatements() {}

    static Result show(BasaltSession s, StatementRunner runner, Show st) {
        Transaction t = s.currentTransaction();
        CatalogSnapshot cat = s.engine().catalog().snapshot(t).forSession(s.connectionId());
        InformationSchema is = new InformationSchema(s.engine(), s, cat);
        return switch (st.kind()) {
            case DATABASES -> {
                List<Object[]> rows = new ArrayList<>();
                rows.add(new Object[]{"information_schema"});
                for (DatabaseDef d : cat.databases()) {
                    if (dev.basalt.engine.security.AccessCheck.visibleDatabase(s, d.name())) rows.add(new Object[]{d.name()});
                }
                rows.add(new Object[]{"performance_schema"});
                rows.sort((a, b) -> ((String) a[0]).compareTo((String) b[0]));
                yield filtered(s, runner, Results.textColumns("Database"), rows, st);
            }
            case TABLES -> {
                String db = database(s, st.database());
                List<Object[]> rows = new ArrayList<>();
                var external = s.engine().externals().database(cat, db);
                if (external != null) {
                    for (String name : external.tableNames()) rows.add(st.full() ? new Object[]{name, "BASE TABLE"} : new Object[]{name});
                }
                for (TableDef td : cat.tables(db)) rows.add(st.full() ? new Object[]{td.name(), "BASE TABLE"} : new Object[]{td.name()});
                for (ViewDef v : cat.views(db)) rows.add(st.full() ? new Object[]{v.name(), "VIEW"} : new Object[]{v.name()});
                rows.removeIf(r -> !dev.basalt.engine.security.AccessCheck.visibleTable(s, db, (String) r[0]));
                rows.sort((a, b) -> ((String) a[0]).compareTo((String) b[0]));
                List<ColumnInfo> cols = st.full() ? Results.textColumns("Tables_in_" + db, "Table_type")
                        : Results.textColumns("Tables_in_" + db);
                yield filtered(s, runner, cols, rows, st);
            }
            case COLUMNS -> {
                TableDef td = table(s, runner, t, st.target(), st.database());
                yield filtered(s, runner, columnsHeader(st.full()), columnRows(td, st.full()), st);
            }
            case INDEX -> {
                TableDef td = table(s, runner, t, st.target(), st.database());
                List<Object[]> rows = new ArrayList<>();
                // cardinalities read the store: in the statement's transaction, or a short one
                List<Object[]> parts = t != null ? InformationSchema.indexRows(td, false, IndexCardinality.of(s.engine(), t, td))
                        : s.transaction().run(tx -> InformationSchema.indexRows(td, false, IndexCardinality.of(s.engine(), tx, td)));
                for (Object[] r : parts) {
                    rows.add(new Object[]{td.name(), r[3], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14],
                            r[15], r[16], r[17]});
                }
                yield filtered(s, runner, Results.textColumns("Table", "Non_unique", "Key_name", "Seq_in_index",
                        "Column_name", "Collation", "Cardinality", "Sub_part", "Packed", "Null", "Index_type", "Comment",
                        "Index_comment", "Visible", "Expression"), rows, st);
            }
            case CREATE_TABLE, CREATE_VIEW -> {
                String db = database(s, st.target().schema());
                var view = cat.view(db, st.target().name());
                if (view.isPresent()) {
                    ViewDef v = view.get();
                    dev.basalt.engine.security.ViewSecurity.noteMissingDefiner(s, v); // as MySQL: a note, not an error
                    String text = "CREATE ALGORITHM=UNDEFINED DEFINER=" + v.definer() + " SQL SECURITY "
                            + (v.invokerSecurity() ? "INVOKER" : "DEFINER") + " VIEW "
                            + TypeText.quoteIdent(v.name()) + ViewColumns.columnList(s, runner, v) + " AS " + v.selectSql()
                            + ("NONE".equals(v.checkOption()) ? "" : " WITH " + v.checkOption() + " CHECK OPTION");
                    yield Results.rows(Results.textColumns("View", "Create View", "character_set_client", "collation_connection"),
                            List.<Object[]>of(new Object[]{v.name(), text, "utf8mb4", "utf8mb4_0900_ai_ci"}));
                }
                TableDef td = table(s, runner, t, st.target(), null);
                long next = td.autoIncrementColumn() < 0 ? 0
                        : s.transaction().run(tx -> s.engine().tables().peekAutoIncrement(tx, td));
                String text = CreateTableText.of(td, next);
                if (cat.isTemporary(td.tableId())) text = "CREATE TEMPORARY TABLE" + text.substring("CREATE TABLE".length());
                yield Results.rows(Results.textColumns("Table", "Create Table"),
                        List.<Object[]>of(new Object[]{td.name(), text}));
            }
            case CREATE_DATABASE -> {
                String name = st.target() != null ? st.target().name() : st.database();
                DatabaseDef d = cat.database(name).orElseThrow(() -> new SqlException(ErrorCode.ER_BAD_DB, name));
                String text = "CREATE DATABASE " + (st.ifNotExists() ? "/*!32312 IF NOT EXISTS*/ " : "") + TypeText.quoteIdent(d.name())
                        + " /*!40100 DEFAULT CHARACTER SET " + d.charset() + " COLLATE " + d.collation()
                        + " */ /*!80016 DEFAULT ENCRYPTION='N' */";
                yield Results.rows(Results.textColumns("Database", "Create Database"), List.<Object[]>of(new Object[]{d.name(), text}));
            }
            case VARIABLES -> filtered(s, runner, Results.textColumns("Variable_name", "Value"),
                    st.scope() == dev.basalt.sql.ast.VariableScope.GLOBAL ? is.globalVariables() : is.sessionVariables(), st);
            case STATUS -> filtered(s, runner, Results.textColumns("Variable_name", "Value"),
                    status(s, st.scope() == dev.basalt.sql.ast.VariableScope.GLOBAL), st);
            case WARNINGS, ERRORS -> {
                List<Object[]> rows = new ArrayList<>();
                for (Warning w : s.warnings()) {
                    if (st.kind() == dev.basalt.sql.ast.ShowKind.ERRORS && !w.level().equals("Error")) continue;
                    rows.add(new Object[]{w.level(), (long) w.code(), w.message()});
                }
                List<ColumnInfo> cols = List.of(Results.column("Level", SqlType.varchar(7)),
                        Results.column("Code", SqlType.of(dev.basalt.engine.types.TypeKind.INT, 4).withUnsigned(true)),
                        Results.column("Message", SqlType.varchar(512)));
                yield Results.rows(cols, rows);
            }
            case COUNT_WARNINGS, COUNT_ERRORS -> {
                long n = st.kind() == dev.basalt.sql.ast.ShowKind.COUNT_WARNINGS ? s.warnings().size()
                        : s.warnings().stream().filter(w -> w.level().equals("Error")).count();
                String name = st.kind() == dev.basalt.sql.ast.ShowKind.COUNT_WARNINGS ? "@@session.warning_count" : "@@session.error_count";
                yield Results.rows(List.of(Results.column(name, SqlType.BIGINT)), List.<Object[]>of(new Object[]{n}));
            }
            case ENGINES -> Results.rows(Results.textColumns("Engine", "Support", "Comment", "Transactions", "XA", "Savepoints"),
                    List.<Object[]>of(new Object[]{"InnoDB", "DEFAULT",
                            "Basalt " + s.engine().store().name() + " storage, transactional", "YES", "NO", "YES"}));
            case COLLATION -> filtered(s, runner, Results.textColumns("Collation", "Charset", "Id", "Default", "Compiled", "Sortlen", "Pad_attribute"),
                    List.of(new Object[]{"utf8mb4_0900_ai_ci", "utf8mb4", 255L, "Yes", "Yes", 0L, "NO PAD"},
                            new Object[]{"utf8mb4_bin", "utf8mb4", 46L, "", "Yes", 1L, "PAD SPACE"},
                            new Object[]{"binary", "binary", 63L, "Yes", "Yes", 1L, "NO PAD"}), st);
            case CHARSET -> filtered(s, runner, Results.textColumns("Charset", "Description", "Default collation", "Maxlen"),
                    List.of(new Object[]{"binary", "Binary pseudo charset", "binary", 1L},
                            new Object[]{"utf8mb4", "UTF-8 Unicode", "utf8mb4_0900_ai_ci", 4L}), st);
            case PROCESSLIST -> Results.rows(Results.textColumns("Id", "User", "Host", "db", "Command", "Time", "State", "Info"),
                    is.processList());
            case TABLE_STATUS -> {
                String db = database(s, st.database());
                List<Object[]> rows = new ArrayList<>();
                for (TableDef td : cat.tables(db)) {
                    TableStatistics ts = is.statistics(td);
                    rows.add(new Object[]{td.name(), td.options().engine(), 10L, "Dynamic", ts.rows(), ts.avgRowLength(),
                            ts.dataLength(), 0L, ts.indexLength(), 0L, ts.autoIncrement(), null, null, null,
                            td.options().collation(), null, "", td.options().comment()});
                }
                // views are listed too, with nothing but their name and the comment VIEW
                for (ViewDef v : cat.views(db)) {
                    rows.add(new Object[]{v.name(), null, null, null, null, null, null, null, null, null, null, null, null,
                            null, null, null, null, "VIEW"});
                }
                rows.sort((a, b) -> ((String) a[0]).compareTo((String) b[0]));
                yield filtered(s, runner, Results.textColumns("Name", "Engine", "Version", "Row_format", "Rows",
                        "Avg_row_length", "Data_length", "Max_data_length", "Index_length", "Data_free", "Auto_increment",
                        "Create_time", "Update_time", "Check_time", "Collation", "Checksum", "Create_options", "Comment"), rows, st);
            }
            case GRANTS -> Results.rows(Results.textColumns("Grants for " + s.userName() + "@localhost"),
                    List.<Object[]>of(new Object[]{"GRANT ALL PRIVILEGES ON *.* TO `" + s.userName() + "`@`localhost` WITH GRANT OPTION"}));
            case PLUGINS -> Results.rows(Results.textColumns("Name", "Status", "Type", "Library", "License"), List.of(
                    new Object[]{"mysql_native_password", "ACTIVE", "AUTHENTICATION", null, "Apache-2.0"},
                    new Object[]{"caching_sha2_password", "ACTIVE", "AUTHENTICATION", null, "Apache-2.0"}));
            case TRIGGERS, PROCEDURE_STATUS, FUNCTION_STATUS -> {
                var listing = dev.basalt.engine.routine.ProgramShow.list(s, st);
                yield filtered(s, runner, listing.columns(), listing.rows(), listing.show());
            }
            case CREATE_PROCEDURE, CREATE_FUNCTION, CREATE_TRIGGER -> dev.basalt.engine.routine.ProgramShow.create(s, st);
            // LIKE matches the event's name (not the first column): applied by EventShow
            case EVENTS -> filtered(s, runner,
                    Results.textColumns(dev.basalt.engine.event.EventShow.SHOW_EVENTS_COLUMNS.toArray(String[]::new)),
                    dev.basalt.engine.event.EventShow.showEvents(s, st), new Show(st.kind(), st.full(), st.scope(),
                            st.target(), st.database(), null, st.where(), st.limit(), st.ifNotExists(), st.text()));
            case CREATE_EVENT -> dev.basalt.engine.event.EventShow.showCreate(s, st);
            // no table is ever held open between statements
            case OPEN_TABLES -> Results.rows(Results.textColumns("Database", "Table", "In_use", "Name_locked"), List.of());
            case PRIVILEGES, CREATE_USER, OTHER ->
                    Results.rows(Results.textColumns("Name"), List.of());
        };
    }

    /** SHOW [GLOBAL | SESSION] STATUS rows (see {@link ServerStatus}). */
    static List<Object[]> status(BasaltSession s, boolean global) {
        return ServerStatus.rows(s.engine(), s, global);
    }

    private static String database(BasaltSession s, String explicit) {
        String db = explicit != null ? explicit : s.database();
        if (db == null) throw new SqlException(ErrorCode.ER_NO_DB);
        if (!BasaltSession.isVirtualSchema(db) && !s.engine().catalog().snapshot(s.currentTransaction()).hasDatabase(db)) {
            throw new SqlException(ErrorCode.ER_BAD_DB, db);
        }
        return db;
    }

    private static TableDef table(BasaltSession s, StatementRunner runner, Transaction t, QualifiedName name, String db) {
        QualifiedName q = db != null ? new QualifiedName(db, name.name()) : name;
        Optional<TableDef> view = ViewColumns.asTable(s, runner, q);
        if (view.isPresent()) return view.get();
        return runner.table(t, q);
    }

    private static List<ColumnInfo> columnsHeader(boolean full) {
        return full ? Results.textColumns("Field", "Type", "Collation", "Null", "Key", "Default", "Extra", "Privileges", "Comment")
                : Results.textColumns("Field", "Type", "Null", "Key", "Default", "Extra");
    }

    private static List<Object[]> columnRows(TableDef td, boolean full) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < td.columns().size(); i++) {
            ColumnDef c = td.columns().get(i);
            String key = InformationSchema.columnKey(td, i);
            if (full) {
                rows.add(new Object[]{c.name(), TypeText.columnType(c.type()), TypeText.collation(c.type()),
                        c.nullable() ? "YES" : "NO", key, TypeText.defaultText(c, td), TypeText.extra(c),
                        "select,insert,update,references", c.comment()});
            } else {
                rows.add(new Object[]{c.name(), TypeText.columnType(c.type()), c.nullable() ? "YES" : "NO", key,
                        TypeText.defaultText(c, td), TypeText.extra(c)});
            }
        }
        return rows;
    }

    /** Applies SHOW ... LIKE 'pattern' (first column) or WHERE expr (over the output columns). */
    private static Result filtered(BasaltSession s, StatementRunner runner, List<ColumnInfo> cols, List<Object[]> rows, Show st) {
        if (st.likePattern() == null && st.where() == null) return Results.rows(cols, rows);
        List<PlanColumn> pcs = new ArrayList<>();
        for (ColumnInfo c : cols) pcs.add(PlanColumn.expression(c.name(), c.type(), true));
        Expr pred;
        if (st.likePattern() != null) {
            pred = Exprs.like(Exprs.column(0, cols.get(0).type(), true, cols.get(0).name()),
                    Exprs.stringLiteral(st.likePattern()), null, false);
        } else {
            QueryPlanner planner = new QueryPlanner(runner.queryContext(s.currentTransaction(), false));
            pred = new ExprBinder(new Scope(pcs, null), planner, s.database(), "where clause").bind(st.where());
        }
        List<Object[]> out = new ArrayList<>();
        for (Object[] r : rows) if (pred.test(s, r)) out.add(r);
        return Results.rows(cols, out);
    }

    static Result describe(BasaltSession s, StatementRunner runner, Describe d) {
        TableDef td = ViewColumns.asTable(s, runner, d.table()).orElseGet(() -> runner.table(s.currentTransaction(), d.table()));
        List<Object[]> rows = columnRows(td, false);
        if (d.column() != null) rows.removeIf(r -> !((String) r[0]).equalsIgnoreCase(d.column()));
        return Results.rows(columnsHeader(false), rows);
    }

    /**
     * EXPLAIN: one row per table access the planner chose, with MySQL 8's query block ids and
     * select types ({@link ExplainBlocks}) and its column types (id and rows BIGINT, filtered DOUBLE).
     */
    static Result explain(BasaltSession s, StatementRunner runner, Explain e) {
        String format = ExplainFormats.format(e);
        if (!(e.statement() instanceof Query q)) {
            throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "EXPLAIN of statements other than SELECT");
        }
        if (format.equals("TREE")) return ExplainFormats.tree(s, runner, q, e.analyze());
        if (format.equals("JSON")) {
            return s.transaction().run(t -> { // rows estimates read the transaction
                var qc = runner.queryContext(t, false);
                var blocks = dev.basalt.engine.plan.ExplainBlocks.start(qc, q);
                new QueryPlanner(qc).plan(q, null);
                return ExplainFormats.json(blocks.tree(qc.explain()), qc.explain());
            });
        }
        // rows estimates read the transaction (row counts): compute them before it ends
        List<Object[]> rows = s.transaction().run(t -> {
            var qc = runner.queryContext(t, false);
            ExplainBlocks blocks = ExplainBlocks.start(qc, q);
            new QueryPlanner(qc).plan(q, null);
            List<Object[]> out = new ArrayList<>();
            for (ExplainBlocks.Line line : blocks.lines(qc.explain())) {
                var r = line.row();
                out.add(new Object[]{line.id(), line.selectType(), r.table(), r.partitions(), r.type(), r.possibleKeys(), r.key(),
                        r.keyLen(), r.ref(), r.rows() == null ? null : r.rows().getAsLong(),
                        r.table() == null ? null : r.filteredPercent(), r.extra()});
            }
            return out;
        });
        if (rows.isEmpty()) {
            rows.add(new Object[]{1L, "SIMPLE", null, null, null, null, null, null, null, null, null, "No tables used"});
        }
        return Results.rows(EXPLAIN_COLUMNS, rows);
    }

    /** MySQL 8's EXPLAIN columns (THD::send_explain_fields): id and rows BIGINT, filtered DOUBLE with 2 decimals. */
    private static final List<ColumnInfo> EXPLAIN_COLUMNS = List.of(
            Results.column("id", SqlType.of(dev.basalt.engine.types.TypeKind.BIGINT, 3).withUnsigned(true)),
            ColumnInfo.expression("select_type", SqlType.varchar(19), false),
            Results.column("table", SqlType.varchar(64)),
            Results.column("partitions", SqlType.varchar(64)),
            Results.column("type", SqlType.varchar(10)),
            Results.column("possible_keys", SqlType.varchar(64)),
            Results.column("key", SqlType.varchar(64)),
            Results.column("key_len", SqlType.varchar(64)),
            Results.column("ref", SqlType.varchar(64)),
            Results.column("rows", SqlType.of(dev.basalt.engine.types.TypeKind.BIGINT, 10).withUnsigned(true)),
            Results.column("filtered", new SqlType(dev.basalt.engine.types.TypeKind.DOUBLE, 4, 0, 2, false, false, List.of(), null)),
            ColumnInfo.expression("Extra", SqlType.varchar(255), false));

    static Result maintenance(BasaltSession s, StatementRunner runner, TableMaintenance m) {
        if (m.operation() == TableMaintenance.Operation.ANALYZE) return AnalyzeStatement.run(s, runner, m);
        List<Object[]> rows = new ArrayList<>();
        String op = m.operation().name().toLowerCase(java.util.Locale.ROOT);
        for (QualifiedName n : m.tables()) {
            TableDef td = AnalyzeStatement.find(s, runner, n);
            if (td == null) rows.addAll(AnalyzeStatement.missing(s, n, op));
            else rows.add(new Object[]{td.qualifiedName(), op, "status", "OK"});
        }
        return Results.rows(Results.textColumns("Table", "Op", "Msg_type", "Msg_text"), rows);
    }

    static List<ColumnInfo> fieldList(BasaltSession s, StatementRunner runner, String table, String wildcard) {
        TableDef td = runner.table(s.currentTransaction(), QualifiedName.of(table));
        List<ColumnInfo> out = new ArrayList<>();
        for (ColumnDef c : td.columns()) {
            out.add(new ColumnInfo(td.database(), td.name(), td.name(), c.name(), c.name(), c.type(), c.nullable(),
                    false, false, false, c.autoIncrement()));
        }
        return out;
    }

}
