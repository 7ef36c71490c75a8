package dev.basalt.engine.statement;

import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.DefaultValue;
import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.IndexPart;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.types.TypeKind;

/** SHOW CREATE TABLE text, in MySQL 8's layout. */
final class CreateTableText {
    private CreateTableText() {}

    /** @param nextAutoIncrement shown as AUTO_INCREMENT=n when above 1, as MySQL does */
    static String of(TableDef t, long nextAutoIncrement) {
        StringBuilder b = new StringBuilder("CREATE TABLE ").append(TypeText.quoteIdent(t.name())).append(" (\n");
        boolean first = true;
        for (ColumnDef c : t.columns()) {
            if (!first) b.append(",\n");
            first = false;
            b.append("  ").append(TypeText.quoteIdent(c.name())).append(' ').append(TypeText.columnType(c.type()));
            String coll = TypeText.collation(c.type());
            if (coll != null && !coll.equals(t.options().collation())) {
                b.append(" COLLATE ").append(coll);
            }
            if (c.isGenerated()) {
                b.append(" GENERATED ALWAYS AS (").append(dev.basalt.engine.constraint.ExpressionText.display(c.generated().sql(), t)).append(") ")
                        .append(c.generated().stored() ? "STORED" : "VIRTUAL");
                if (!c.nullable()) b.append(" NOT NULL");
                if (c.comment() != null && !c.comment().isEmpty()) b.append(" COMMENT ").append(TypeText.quoteString(c.comment()));
                continue;
            }
            if (!c.nullable()) b.append(" NOT NULL");
            Long srid = dev.basalt.engine.spatial.SpatialTypes.srid(c.type());
            if (srid != null) b.append(" /*!80003 SRID ").append(srid).append(" */");
            switch (c.defaultValue()) {
                case DefaultValue.Literal l -> {
                    if (l.value() == null) {
                        if (c.nullable()) b.append(" DEFAULT NULL");
                    } else if (c.type().kind().isNumeric() && c.type().kind() != TypeKind.BIT) {
                        b.append(" DEFAULT '").append(TypeText.defaultText(c)).append('\'');
                    } else {
                        b.append(" DEFAULT ").append(TypeText.quoteString(TypeText.defaultText(c)));
                    }
                }
                case DefaultValue.CurrentTimestamp ts -> b.append(" DEFAULT ").append(TypeText.defaultText(c));
                case DefaultValue.Expression e -> b.append(" DEFAULT ").append(dev.basalt.engine.constraint.MysqlExpressionPrinter.showCreate(e.sql(), t));
                case DefaultValue.None n -> {
                    // geometry columns are not BLOBs to MySQL's SHOW CREATE TABLE: they show DEFAULT NULL
                    if (c.nullable() && (!c.type().kind().isLob() || c.type().kind().isSpatial())) b.append(" DEFAULT NULL");
                }
            }
            if (c.onUpdateCurrentTimestamp()) {
                // MySQL requires the ON UPDATE precision to match the column's, so it shows it
                b.append(" ON UPDATE CURRENT_TIMESTAMP");
                if (c.type().scale() > 0) b.append('(').append(c.type().scale()).append(')');
            }
            if (c.autoIncrement()) b.append(" AUTO_INCREMENT");
            if (c.comment() != null && !c.comment().isEmpty()) b.append(" COMMENT ").append(TypeText.quoteString(c.comment()));
        }
        for (IndexDef ix : t.indexes()) {
            b.append(",\n  ");
            if (ix.primary()) b.append("PRIMARY KEY ");
            else if (ix.fulltext()) b.append("FULLTEXT KEY ").append(TypeText.quoteIdent(ix.name())).append(' ');
            else if (ix.spatial()) b.append("SPATIAL KEY ").append(TypeText.quoteIdent(ix.name())).append(' ');
            else if (ix.unique()) b.append("UNIQUE KEY ").append(TypeText.quoteIdent(ix.name())).append(' ');
            else b.append("KEY ").append(TypeText.quoteIdent(ix.name())).append(' ');
            b.append('(');
            for (int i = 0; i < ix.parts().size(); i++) {
                IndexPart p = ix.parts().get(i);
                if (i > 0) b.append(',');
                b.append(TypeText.quoteIdent(t.columns().get(p.column()).name()));
                if (p.prefixLength() > 0) b.append('(').append(p.prefixLength()).append(')');
                if (p.descending()) b.append(" DESC");
            }
            b.append(')');
        }
        // MySQL lists foreign keys, then checks, each sorted by name
        t.foreignKeys().stream().sorted(java.util.Comparator.comparing(fk -> fk.name().toLowerCase(java.util.Locale.ROOT)))
                .forEach(fk -> b.append(",\n  ").append(dev.basalt.engine.constraint.ForeignKeyText.clause(fk, t.database())));
        t.checks().stream().sorted(java.util.Comparator.comparing(ck -> ck.name().toLowerCase(java.util.Locale.ROOT)))
                .forEach(ck -> {
                    b.append(",\n  CONSTRAINT ").append(TypeText.quoteIdent(ck.name())).append(" CHECK (")
                            .append(dev.basalt.engine.constraint.ExpressionText.display(ck.sql(), t)).append(')');
                    if (!ck.enforced()) b.append(" /*!80016 NOT ENFORCED */");
                });
        b.append("\n) ENGINE=").append(t.options().engine());
        if (nextAutoIncrement > 1) b.append(" AUTO_INCREMENT=").append(nextAutoIncrement);
        b.append(" DEFAULT CHARSET=").append(t.options().charset()).append(" COLLATE=").append(t.options().collation());
        b.append(t.options().stats().createTableText());
        if (t.options().comment() != null && !t.options().comment().isEmpty()) {
            b.append(" COMMENT=").append(TypeText.quoteString(t.options().comment()));
        }
        String partitioning = t.options().partitioning();
        if (partitioning != null) {
            b.append('\n').append(dev.basalt.engine.partition.Partitioning.versionComment(partitioning))
                    .append(partitioning).append(" */");
        }
        return b.toString();
    }
}
