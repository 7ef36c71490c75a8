package dev.basalt.engine.plan;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.exec.FilterOperator;
import dev.basalt.engine.exec.Operator;
import dev.basalt.engine.exec.RowKeyScanOperator;
import dev.basalt.engine.expr.ColumnRef;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.function.FunctionCall;
import dev.basalt.engine.spatial.Geo;
import dev.basalt.engine.spatial.GeometryCodec;
import dev.basalt.engine.spatial.SpatialTypes;
import dev.basalt.engine.spatial.Srs;
import org.locationtech.jts.geom.Envelope;

import java.util.List;
import java.util.NavigableSet;
import java.util.Set;

/**
 * MySQL's use of a SPATIAL index: a spatial relation between an indexed geometry column and a
 * constant geometry (ST_Contains, ST_Within, ST_Intersects, ... and their MBR forms) holds only for
 * rows whose bounding rectangle meets the constant's, so only those are read (EXPLAIN type range,
 * key the index). The relation still filters every row read. As in MySQL, only a column with an
 * SRID attribute is searched through its index.
 *
 * <p>In a geographic SRID (4326) the entries are the rectangles of the rows' vertices, which a
 * geodesic edge leaves toward the pole (latitude) but not in longitude, unless the rectangle is
 * 180 degrees wide or more (only such a figure can cross the antimeridian or wind around a pole).
 * So a search reads the rows whose longitudes meet the constant's, at any latitude, and every row
 * 180 degrees wide or more; a constant that wide reads every row. Only the ST_ relations: the MBR
 * ones are MySQL's 3618 in a geographic SRID, which a search that reads no row would not raise.
 */
final class SpatialAccess {
    private SpatialAccess() {}

    /** Relations that imply that the two bounding rectangles meet (not ST_Disjoint / MBRDisjoint). */
    private static final Set<String> MEETING = Set.of("ST_CONTAINS", "ST_WITHIN", "ST_INTERSECTS", "ST_EQUALS",
            "ST_TOUCHES", "ST_CROSSES", "ST_OVERLAPS", "ST_COVERS", "ST_COVEREDBY", "MBRCONTAINS", "MBRWITHIN",
            "MBRINTERSECTS", "MBREQUALS", "MBREQUAL", "MBROVERLAPS", "MBRTOUCHES", "MBRCOVERS", "MBRCOVEREDBY");

    /** Longitude span from which a geographic rectangle no longer bounds its figure's longitudes. */
    private static final double GEOGRAPHIC_WIDE = 180;

    /** A conjunct the index serves: the index, the constant geometry and the column's SRID. */
    record Found(IndexDef index, Expr window, long srid) { }

    static Found find(TableDef table, List<Expr> conjuncts, boolean lockRows) {
        if (lockRows) return null; // a locking read locks the rows a scan examines
        for (Expr c : conjuncts) {
            if (!(c instanceof FunctionCall f) || !MEETING.contains(f.name()) || f.args().size() != 2) continue;
            for (int i = 0; i < 2; i++) {
                if (!(f.args().get(i) instanceof ColumnRef col) || !f.args().get(1 - i).isConstant()) continue;
                if (col.index() >= table.columns().size()) continue;
                Long srid = SpatialTypes.srid(table.columns().get(col.index()).type());
                if (srid == null || Srs.geographic(srid) && f.name().startsWith("MBR")) continue;
                for (IndexDef ix : table.secondaryIndexes()) {
                    if (ix.spatial() && ix.parts().getFirst().column() == col.index()) return new Found(ix, f.args().get(1 - i), srid);
                }
            }
        }
        return null;
    }

    static Operator build(Relations.Native rel, List<Expr> conjuncts, Found found, String alias) {
        String key = found.index().name();
        rel.explain().add(new ExplainRow(alias, "range", key, "Using where", null, key, "34", null, () -> 1));
        Operator scan = new RowKeyScanOperator(rel.store(), rel.txn(), () -> rows(rel, found),
                "Index range scan on " + alias + " using " + key + " over (" + rel.table().columns()
                        .get(found.index().parts().getFirst().column()).name() + " unprintable_geometry_value)");
        return new FilterOperator(scan, ExprUtil.and(conjuncts), rel.ctx());
    }

    /**
     * The rows to read, or null (every row) when the constant is not a geometry of the column's
     * SRID or is empty: the relation itself then gives MySQL's error or result on each row.
     */
    private static NavigableSet<byte[]> rows(Relations.Native rel, Found found) {
        Object v = found.window().eval(rel.ctx(), null);
        if (v == null) return new java.util.TreeSet<>(dev.basalt.engine.fulltext.InvertedIndex.ROW_ORDER); // NULL: no row
        Geo g;
        try {
            g = GeometryCodec.decode(v, "spatial index");
        } catch (SqlException notAGeometry) {
            return null;
        }
        Envelope window = g.geometry().getEnvelopeInternal();
        if (g.srid() != found.srid() || window.isNull()) return null;
        if (Srs.geographic(found.srid())) {
            if (window.getWidth() >= GEOGRAPHIC_WIDE) return null; // may cross the antimeridian or wind around a pole
            return rel.store().spatialRows(rel.txn(), found.index(),
                    new Envelope(window.getMinX(), window.getMaxX(), -90, 90), GEOGRAPHIC_WIDE);
        }
        return rel.store().spatialRows(rel.txn(), found.index(), window);
    }
}
