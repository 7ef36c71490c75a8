package dev.basalt.engine.function;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.spatial.Geo;
import dev.basalt.engine.spatial.GeometryCodec;
import dev.basalt.engine.spatial.SpatialOps;
import dev.basalt.engine.spatial.WktFormat;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import java.util.Locale;

import static dev.basalt.engine.function.FunctionCall.*;
import static dev.basalt.engine.function.FunctionDef.VARIADIC;

/**
 * Spatial input/output and constructors: WKT/WKB in and out, POINT(), LINESTRING()..., ST_SRID,
 * ST_X/ST_Y. Measures, predicates and set operations are in {@link SpatialAnalysis}. The geometry
 * model is JTS (see docs/architecture.md); values are MySQL's internal format ({@link GeometryCodec}).
 */
final class SpatialFunctions {
    private SpatialFunctions() {}

    static final SqlType GEOMETRY = SqlType.of(TypeKind.GEOMETRY);

    static void register() {
        fromText("ST_GEOMFROMTEXT ST_GEOMETRYFROMTEXT", null);
        fromText("ST_POINTFROMTEXT", "POINT");
        fromText("ST_LINEFROMTEXT ST_LINESTRINGFROMTEXT", "LINESTRING");
        fromText("ST_POLYFROMTEXT ST_POLYGONFROMTEXT", "POLYGON");
        fromText("ST_MPOINTFROMTEXT ST_MULTIPOINTFROMTEXT", "MULTIPOINT");
        fromText("ST_MLINEFROMTEXT ST_MULTILINESTRINGFROMTEXT", "MULTILINESTRING");
        fromText("ST_MPOLYFROMTEXT ST_MULTIPOLYGONFROMTEXT", "MULTIPOLYGON");
        fromText("ST_GEOMCOLLFROMTEXT ST_GEOMETRYCOLLECTIONFROMTEXT ST_GEOMCOLLFROMTXT", "GEOMCOLLECTION");
        fromWkb("ST_GEOMFROMWKB ST_GEOMETRYFROMWKB", null);
        fromWkb("ST_POINTFROMWKB", "POINT");
        fromWkb("ST_LINEFROMWKB ST_LINESTRINGFROMWKB", "LINESTRING");
        fromWkb("ST_POLYFROMWKB ST_POLYGONFROMWKB", "POLYGON");

        // GeoJSON: default SRID 4326; options (dimension handling) accepted for 1, the default
        Functions.register("ST_GEOMFROMGEOJSON", 1, 3, (n, a) -> new FunctionCall(n, a, GEOMETRY, true, true, strictN((ctx, v) -> {
            if (v.length > 1 && Coercion.toLong(ctx, v[1]) != 1) {
                throw new dev.basalt.engine.api.SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "st_geomfromgeojson options other than 1");
            }
            long srid = v.length > 2 ? SpatialOps.srid(Coercion.toLong(ctx, v[2])) : dev.basalt.engine.spatial.Srs.WGS84;
            Geo g = new Geo(srid, dev.basalt.engine.spatial.GeoJsonReader.read(Coercion.toText(v[0], null), n));
            SpatialOps.checkRange(g, n);
            return g.bytes();
        })));
        Functions.register("ST_ASTEXT ST_ASWKT", 1, 2, (n, a) -> new FunctionCall(n, a, SqlType.LONGTEXT, true, true,
                strictN((ctx, v) -> WktFormat.write(output(SpatialOps.arg(v[0], n), v, n)))));
        Functions.register("ST_ASBINARY ST_ASWKB", 1, 2, (n, a) -> new FunctionCall(n, a, SqlType.of(TypeKind.LONGBLOB), true, true,
                strictN((ctx, v) -> GeometryCodec.wkb(output(SpatialOps.arg(v[0], n), v, n)))));
        Functions.register("ST_SRID", 1, 2, (n, a) -> a.size() == 1
                ? new FunctionCall(n, a, SqlType.BIGINT_UNSIGNED, true, true, strict1((ctx, g) -> SpatialOps.arg(g, n).srid()))
                : new FunctionCall(n, a, GEOMETRY, true, true, strict2((ctx, g, s) ->
                        new Geo(SpatialOps.srid(Coercion.toLong(ctx, s)), SpatialOps.arg(g, n).geometry()).bytes())));
        coordinate("ST_X", true);
        coordinate("ST_Y", false);
        geographicCoordinate("ST_LATITUDE", true);
        geographicCoordinate("ST_LONGITUDE", false);

        Functions.register("POINT", 2, 2, (n, a) -> new FunctionCall(n, a, GEOMETRY, true, true, strict2((ctx, x, y) ->
                new Geo(0, Geo.FACTORY.createPoint(new org.locationtech.jts.geom.Coordinate(
                        Coercion.toDouble(ctx, x), Coercion.toDouble(ctx, y)))).bytes())));
        Functions.register("LINESTRING", 1, VARIADIC, (n, a) -> new FunctionCall(n, a, GEOMETRY, true, true, strictN((ctx, v) -> {
            Geo[] parts = parts(v, n, "POINT");
            org.locationtech.jts.geom.Coordinate[] cs = new org.locationtech.jts.geom.Coordinate[parts.length];
            for (int i = 0; i < parts.length; i++) cs[i] = parts[i].geometry().getCoordinate();
            if (cs.length < 2) throw GeometryCodec.invalid(n);
            return new Geo(parts[0].srid(), Geo.FACTORY.createLineString(cs)).bytes();
        })));
        Functions.register("POLYGON", 1, VARIADIC, (n, a) -> new FunctionCall(n, a, GEOMETRY, true, true, strictN((ctx, v) -> {
            Geo[] parts = parts(v, n, "LINESTRING");
            LinearRing[] rings = new LinearRing[parts.length];
            for (int i = 0; i < parts.length; i++) {
                LineString l = (LineString) parts[i].geometry();
                if (!l.isClosed() || l.getNumPoints() < 4) throw GeometryCodec.invalid(n);
                rings[i] = Geo.FACTORY.createLinearRing(l.getCoordinateSequence());
            }
            Polygon p = Geo.FACTORY.createPolygon(rings[0], java.util.Arrays.copyOfRange(rings, 1, rings.length));
            return new Geo(parts[0].srid(), p).bytes();
        })));
        Functions.register("MULTIPOINT", 1, VARIADIC, (n, a) -> new FunctionCall(n, a, GEOMETRY, true, true, strictN((ctx, v) -> {
            Geo[] parts = parts(v, n, "POINT");
            Point[] ps = new Point[parts.length];
            for (int i = 0; i < ps.length; i++) ps[i] = (Point) parts[i].geometry();
            return new Geo(parts[0].srid(), Geo.FACTORY.createMultiPoint(ps)).bytes();
        })));
        Functions.register("MULTILINESTRING", 1, VARIADIC, (n, a) -> new FunctionCall(n, a, GEOMETRY, true, true, strictN((ctx, v) -> {
            Geo[] parts = parts(v, n, "LINESTRING");
            LineString[] ls = new LineString[parts.length];
            for (int i = 0; i < ls.length; i++) ls[i] = (LineString) parts[i].geometry();
            return new Geo(parts[0].srid(), Geo.FACTORY.createMultiLineString(ls)).bytes();
        })));
        Functions.register("MULTIPOLYGON", 1, VARIADIC, (n, a) -> new FunctionCall(n, a, GEOMETRY, true, true, strictN((ctx, v) -> {
            Geo[] parts = parts(v, n, "POLYGON");
            Polygon[] ps = new Polygon[parts.length];
            for (int i = 0; i < ps.length; i++) ps[i] = (Polygon) parts[i].geometry();
            return new Geo(parts[0].srid(), Geo.FACTORY.createMultiPolygon(ps)).bytes();
        })));
        Functions.register("GEOMETRYCOLLECTION GEOMCOLLECTION", 0, VARIADIC, (n, a) -> new FunctionCall(n, a, GEOMETRY, true, true,
                strictN((ctx, v) -> {
                    if (v.length == 0) return new Geo(0, Geo.FACTORY.createGeometryCollection()).bytes();
                    Geo[] parts = parts(v, n, null);
                    Geometry[] gs = new Geometry[parts.length];
                    for (int i = 0; i < gs.length; i++) gs[i] = parts[i].geometry();
                    return new Geo(parts[0].srid(), Geo.FACTORY.createGeometryCollection(gs)).bytes();
                })));
    }

    /** ST_xxxFromText(wkt [, srid]); {@code type} restricts the geometry type (null: any). */
    private static void fromText(String names, String type) {
        Functions.register(names, 1, 3, (n, a) -> new FunctionCall(n, a, GEOMETRY, true, true, strictN((ctx, v) -> {
            long srid = v.length > 1 ? SpatialOps.srid(Coercion.toLong(ctx, v[1])) : 0;
            Geometry g = WktFormat.parse(Coercion.toText(v[0], null), n);
            return typed(input(srid, g, v, n), type, "WKT", n);
        })));
    }

    private static void fromWkb(String names, String type) {
        Functions.register(names, 1, 3, (n, a) -> new FunctionCall(n, a, GEOMETRY, true, true, strictN((ctx, v) -> {
            long srid = v.length > 1 ? SpatialOps.srid(Coercion.toLong(ctx, v[1])) : 0;
            byte[] wkb = v[0] instanceof byte[] b ? b : dev.basalt.engine.types.SqlText.toBytes(Coercion.toText(v[0], null));
            return typed(input(srid, GeometryCodec.parseWkb(wkb, n), v, n), type, "WKB", n);
        })));
    }

    /** A parsed input in the axis order the options (third argument) ask for: the SRS's by default. */
    private static Geo input(long srid, Geometry g, Object[] v, String function) {
        boolean longLatFirst = v.length > 2 && AxisOrder.longitudeFirst(Coercion.toText(v[2], null), function);
        return longLatFirst ? new Geo(srid, g) : Geo.fromSrsOrder(srid, g);
    }

    /** A value to print in the axis order the options (second argument) ask for: the SRS's by default. */
    private static Geometry output(Geo g, Object[] v, String function) {
        boolean longLatFirst = v.length > 1 && AxisOrder.longitudeFirst(Coercion.toText(v[1], null), function);
        return longLatFirst ? g.geometry() : g.srsOrder();
    }

    private static byte[] typed(Geo g, String type, String format, String function) {
        if (type != null && !type.equals(g.typeName())) {
            throw ErrorCode.ER_UNEXPECTED_GEOMETRY_TYPE.error(format, g.typeName(), function.toLowerCase(Locale.ROOT));
        }
        SpatialOps.checkRange(g, function);
        return g.bytes();
    }

    /**
     * ST_X(p) reads, ST_X(p, v) returns a copy with the coordinate replaced. X is the SRS's first
     * axis: latitude (internal y) for geographic SRSs.
     */
    private static void coordinate(String name, boolean first) {
        Functions.register(name, 1, 2, (n, a) -> a.size() == 1
                ? new FunctionCall(n, a, SqlType.DOUBLE, true, true, strict1((ctx, g) -> {
                    Geo geo = SpatialOps.arg(g, n);
                    Point p = SpatialOps.point(geo, n);
                    return first != geo.geographic() ? p.getX() : p.getY();
                }))
                : new FunctionCall(n, a, GEOMETRY, true, true, strict2((ctx, g, val) -> {
                    Geo geo = SpatialOps.arg(g, n);
                    Point p = SpatialOps.point(geo, n);
                    double d = Coercion.toDouble(ctx, val);
                    boolean x = first != geo.geographic();
                    Point q = Geo.FACTORY.createPoint(new org.locationtech.jts.geom.Coordinate(x ? d : p.getX(), x ? p.getY() : d));
                    Geo out = new Geo(geo.srid(), q);
                    SpatialOps.checkRange(out, n);
                    return out.bytes();
                })));
    }

    /** ST_Latitude / ST_Longitude: geographic points only (3726 otherwise); with a second argument, a setter. */
    private static void geographicCoordinate(String name, boolean latitude) {
        Functions.register(name, 1, 2, (n, a) -> new FunctionCall(n, a, a.size() == 1 ? SqlType.DOUBLE : GEOMETRY, true, true,
                strictN((ctx, v) -> {
                    Geo geo = SpatialOps.arg(v[0], n);
                    Point p = SpatialOps.point(geo, n);
                    if (!geo.geographic()) throw ErrorCode.ER_SRS_NOT_GEOGRAPHIC.error(n.toLowerCase(Locale.ROOT), geo.srid());
                    if (v.length == 1) return latitude ? p.getY() : p.getX();
                    double d = Coercion.toDouble(ctx, v[1]);
                    Geo out = new Geo(geo.srid(), Geo.FACTORY.createPoint(new org.locationtech.jts.geom.Coordinate(
                            latitude ? p.getX() : d, latitude ? d : p.getY())));
                    SpatialOps.checkRange(out, n);
                    return out.bytes();
                })));
    }

    /** The geometry arguments of a constructor, each of {@code type} (null: any) and one SRID. */
    private static Geo[] parts(Object[] v, String function, String type) {
        Geo[] out = new Geo[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = SpatialOps.arg(v[i], function);
            if (type != null && !type.equals(out[i].typeName())) throw GeometryCodec.invalid(function);
            if (i > 0) SpatialOps.sameSrid(out[0], out[i], function);
        }
        return out;
    }

    static Geo geo(EvalContext ctx, Object v, String function) {
        return SpatialOps.arg(v, function);
    }
}
