package dev.basalt.engine.spatial;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;

/** Storing a value into a geometry column: MySQL 8's checks, in its order. */
public final class GeometryColumns {
    private GeometryColumns() {}

    /**
     * @throws SqlException 1416 for anything that is not a geometry of the column's type (strict or
     *                      not: MySQL has no lenient path here), 3643 for an SRID other than the column's
     */
    public static byte[] assign(Object v, SqlType column, String name) {
        Geo g;
        try {
            g = GeometryCodec.decode(v, "assign");
        } catch (SqlException e) {
            throw ErrorCode.ER_CANT_CREATE_GEOMETRY_OBJECT.error();
        }
        if (!fits(column.kind(), Geo.typeName(g.geometry()))) throw ErrorCode.ER_CANT_CREATE_GEOMETRY_OBJECT.error();
        Long srid = SpatialTypes.srid(column);
        if (srid != null && srid != g.srid()) throw ErrorCode.ER_WRONG_SRID_FOR_COLUMN.error(name, g.srid(), srid);
        return g.bytes();
    }

    private static boolean fits(TypeKind column, String type) {
        return column == TypeKind.GEOMETRY
                || (column == TypeKind.GEOMETRYCOLLECTION ? type.startsWith("MULTI") || type.equals("GEOMCOLLECTION")
                : column.name().equals(type));
    }
}
