package dev.basalt.engine.constraint;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.DefaultValue;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.Exprs;
import dev.basalt.engine.types.SqlType;

/**
 * The function {@code DEFAULT(col)}: a column's literal default as a constant of the column's type.
 * MySQL 8 allows it only on literal defaults: a column whose default is an expression is 3773 (MariaDB
 * evaluates it instead), a NOT NULL column without a default 1364, both when the statement is
 * prepared, whether or not any row is read. An AUTO_INCREMENT column without a default reads as 0.
 */
public final class DefaultOfColumn {
    private DefaultOfColumn() {}

    public static Expr of(ColumnDef c) {
        SqlType type = c.type();
        return switch (c.defaultValue()) {
            case DefaultValue.Literal l -> Exprs.literal(l.value(), type);
            case DefaultValue.Expression x -> throw new SqlException(ErrorCode.ER_DEFAULT_AS_VAL_GENERATED);
            // MySQL reads the default record, where a CURRENT_TIMESTAMP default is NULL, or the zero
            // datetime when NOT NULL, which Basalt cannot represent
            case DefaultValue.CurrentTimestamp ts -> {
                if (c.nullable()) yield Exprs.literal(null, type);
                throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "DEFAULT() of a NOT NULL CURRENT_TIMESTAMP column (MySQL answers the zero datetime)");
            }
            case DefaultValue.None none -> {
                if (c.autoIncrement()) yield Exprs.literal(0L, type);
                if (c.nullable() || c.isGenerated()) yield Exprs.literal(null, type);
                throw new SqlException(ErrorCode.ER_NO_DEFAULT_FOR_FIELD, c.name());
            }
        };
    }
}
