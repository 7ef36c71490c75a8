package dev.basalt.engine.statement;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.spatial.SpatialTypes;
import dev.basalt.sql.ast.IndexDefinition;
import dev.basalt.sql.ast.KeyPart;

import java.util.List;

/**
 * SPATIAL INDEX in CREATE TABLE, CREATE INDEX and ALTER TABLE: validated as MySQL 8 does (one
 * geometry column, NOT NULL, a warning when the column has no SRID); its entries are kept by the
 * table layer (SpatialEntries) and read by the planner (SpatialAccess).
 */
final class SpatialIndexes {
    private SpatialIndexes() {}

    static void check(BasaltSession s, IndexDefinition ix, List<ColumnDef> columns) {
        if (ix.parts().size() != 1) throw new SqlException(ErrorCode.ER_TOO_MANY_KEY_PARTS, 1);
        KeyPart kp = ix.parts().get(0);
        if (kp.expression() != null) throw new SqlException(ErrorCode.ER_SPATIAL_MUST_HAVE_GEOM_COL);
        int col = TableSpecs.indexOf(columns, kp.column());
        if (col < 0) throw new SqlException(ErrorCode.ER_KEY_COLUMN_DOES_NOT_EXIST, kp.column());
        ColumnDef c = columns.get(col);
        if (!c.type().kind().isSpatial()) throw new SqlException(ErrorCode.ER_SPATIAL_MUST_HAVE_GEOM_COL);
        if (c.nullable()) throw new SqlException(ErrorCode.ER_SPATIAL_CANT_HAVE_NULL);
        if (SpatialTypes.srid(c.type()) == null) {
            s.warn(EvalContext.Level.WARNING, ErrorCode.ER_WARN_SPATIAL_INDEX_WITHOUT_SRID.code(),
                    ErrorCode.ER_WARN_SPATIAL_INDEX_WITHOUT_SRID.format(c.name()));
        }
    }
}
