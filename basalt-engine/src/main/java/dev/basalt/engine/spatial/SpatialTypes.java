package dev.basalt.engine.spatial;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;

import java.util.List;
import java.util.Locale;

/** The spatial column types: their SRID attribute and how MySQL 8 spells them. */
public final class SpatialTypes {
    private SpatialTypes() {}

    /** A spatial column type; {@code srid} is the SRID attribute or null. An unknown SRID is 3548, as in MySQL. */
    public static SqlType columnType(TypeKind kind, Long srid) {
        if (srid == null) return SqlType.of(kind);
        if (srid < 0 || srid > 0xFFFFFFFFL || !Srs.known(srid)) throw ErrorCode.ER_SRS_NOT_FOUND.error(srid);
        return new SqlType(kind, 0, 0, 0, false, false, List.of(Long.toString(srid)), null);
    }

    /** The SRID attribute of a spatial column, or null when it has none. */
    public static Long srid(SqlType t) {
        if (!t.kind().isSpatial() || t.values().isEmpty()) return null;
        return Long.parseLong(t.values().get(0));
    }

    /** MySQL 8's name for the type (DATA_TYPE, SHOW CREATE TABLE): GEOMETRYCOLLECTION is geomcollection. */
    public static String typeName(TypeKind kind) {
        return kind == TypeKind.GEOMETRYCOLLECTION ? "geomcollection" : kind.name().toLowerCase(Locale.ROOT);
    }
}
