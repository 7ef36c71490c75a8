package dev.basalt.engine.statement;

import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.IndexPart;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.external.ColumnSpec;
import dev.basalt.engine.types.SqlType;
import dev.basalt.sql.ast.ColumnDefinition;
import dev.basalt.sql.ast.CreateTable;
import dev.basalt.sql.parser.MySqlParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns an external table's information_schema column list into a {@link TableDef}, so the
 * planner and result metadata treat it like a local table. Type texts go through our own parser
 * and {@link TableSpecs}, the same path as CREATE TABLE; a type we cannot parse (a vendor extension)
 * is read as LONGTEXT rather than failing the whole table. Keys are single-column approximations
 * (COLUMN_KEY): enough for result-set flags; the table is never read through them locally.
 */
public final class ExternalTableDefs {
    private ExternalTableDefs() {}

    public static TableDef of(String database, String table, List<ColumnSpec> specs) {
        List<ColumnDef> columns = new ArrayList<>();
        List<IndexPart> pk = new ArrayList<>();
        List<IndexDef> indexes = new ArrayList<>();
        for (ColumnSpec c : specs) {
            int pos = columns.size();
            boolean autoInc = c.extra() != null && c.extra().toLowerCase(Locale.ROOT).contains("auto_increment");
            columns.add(new ColumnDef(c.name(), type(c), c.nullable(), null, autoInc, false, ""));
            switch (c.key() == null ? "" : c.key()) {
                case "PRI" -> pk.add(IndexPart.of(pos));
                case "UNI" -> indexes.add(new IndexDef(0, c.name(), false, true, List.of(IndexPart.of(pos))));
                case "MUL" -> indexes.add(new IndexDef(0, c.name(), false, false, List.of(IndexPart.of(pos))));
                default -> { }
            }
        }
        if (!pk.isEmpty()) indexes.addFirst(new IndexDef(0, IndexDef.PRIMARY, true, true, pk));
        return new TableDef(0, database, table, columns, indexes, null);
    }

    private static SqlType type(ColumnSpec c) {
        try {
            CreateTable ct = (CreateTable) MySqlParser.parseOne("CREATE TABLE t (c " + c.columnType() + ")");
            ColumnDefinition d = (ColumnDefinition) ct.elements().getFirst();
            return TableSpecs.type(d.type(), c.name(), c.collation() != null ? c.collation() : "utf8mb4_0900_ai_ci");
        } catch (RuntimeException e) {
            return SqlType.LONGTEXT;
        }
    }
}
