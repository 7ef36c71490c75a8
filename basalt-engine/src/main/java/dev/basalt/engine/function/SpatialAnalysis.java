package dev.basalt.engine.function;

import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.spatial.Geo;
import dev.basalt.engine.spatial.GeoJson;
import dev.basalt.engine.spatial.GeographicDistance;
import dev.basalt.engine.spatial.GeographicMeasures;
import dev.basalt.engine.spatial.GeographicPlane;
import dev.basalt.engine.spatial.LengthUnits;
import dev.basalt.engine.spatial.SpatialOps;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.relateng.RelateNG;
import org.locationtech.jts.operation.relateng.RelatePredicate;
import org.locationtech.jts.operation.relateng.TopologyPredicate;

import java.util.function.Supplier;
import java.util.function.BinaryOperator;
import java.util.function.Function;

import static dev.basalt.engine.function.FunctionCall.*;
import static dev.basalt.engine.function.SpatialFunctions.GEOMETRY;

/**
 * Spatial measures, relations and set operations, computed by JTS in Cartesian space. In a
 * geographic SRS (4326) ST_Distance, ST_Length, ST_Area and the ST_ relations are computed on the
 * WGS 84 ellipsoid (the Geographic* classes); the functions without an ellipsoidal version here
 * (ST_Buffer, ST_Centroid, ST_Envelope, ST_ConvexHull, the set operations, the MBR relations)
 * answer MySQL's 3618 instead of planar numbers in degrees.
 */
final class SpatialAnalysis {
    private SpatialAnalysis() {}

    /** The Earth's mean radius MySQL uses for ST_Distance_Sphere, in metres. */
    private static final double EARTH_RADIUS = 6370986;

    /** WGS 84's mean radius (2a + b) / 3, ST_Distance_Sphere's default for SRID 4326, in metres. */
    private static final double WGS84_MEAN_RADIUS = (2 * 6378137.0 + 6378137.0 * (1 - 1 / 298.257223563)) / 3;

    static void register() {
        relation("ST_CONTAINS", RelatePredicate::contains);
        relation("ST_WITHIN", RelatePredicate::within);
        relation("ST_INTERSECTS", RelatePredicate::intersects);
        relation("ST_DISJOINT", RelatePredicate::disjoint);
        relation("ST_EQUALS", RelatePredicate::equalsTopo);
        relation("ST_TOUCHES", RelatePredicate::touches);
        relation("ST_CROSSES", RelatePredicate::crosses);
        relation("ST_OVERLAPS", RelatePredicate::overlaps);
        relation("ST_COVERS", RelatePredicate::covers);
        relation("ST_COVEREDBY", RelatePredicate::coveredBy);
        mbr("MBRCONTAINS", RelatePredicate::contains);
        mbr("MBRWITHIN", RelatePredicate::within);
        mbr("MBRINTERSECTS", RelatePredicate::intersects);
        mbr("MBRDISJOINT", RelatePredicate::disjoint);
        mbr("MBREQUALS MBREQUAL", RelatePredicate::equalsTopo);
        mbr("MBROVERLAPS", RelatePredicate::overlaps);
        mbr("MBRTOUCHES", RelatePredicate::touches);
        mbr("MBRCOVERS", RelatePredicate::covers);
        mbr("MBRCOVEREDBY", RelatePredicate::coveredBy);
        // unary union of the pair also accepts GEOMETRYCOLLECTION arguments, which binary overlay does not
        setOperation("ST_UNION", (x, y) -> Geo.FACTORY.createGeometryCollection(new Geometry[] {x, y}).union());
        setOperation("ST_INTERSECTION", Geometry::intersection);
        setOperation("ST_DIFFERENCE", Geometry::difference);
        setOperation("ST_SYMDIFFERENCE", Geometry::symDifference);

        // the optional third argument (MySQL 8.0.14) names the unit of the result (LengthUnits)
        Functions.register("ST_DISTANCE", 2, 3, (n, a) -> new FunctionCall(n, a, SqlType.DOUBLE, true, true, strictN((ctx, v) -> {
            String unit = v.length > 2 ? unitName(v[2], a.get(2)) : null;
            Geo g = SpatialOps.arg(v[0], n), h = SpatialOps.arg(v[1], n);
            SpatialOps.sameSrid(g, h, n);
            LengthUnits.check(g, unit, n);
            if (g.geometry().isEmpty() || h.geometry().isEmpty()) return null;
            // 4326: metres on the ellipsoid
            double d = g.geographic() ? GeographicDistance.distance(g, h, n) : SpatialOps.guard(n, () -> g.geometry().distance(h.geometry()));
            return LengthUnits.convert(d, unit);
        })));
        Functions.register("ST_DISTANCE_SPHERE", 2, 3, (n, a) -> new FunctionCall(n, a, SqlType.DOUBLE, true, true, strictN((ctx, v) -> {
            Geo g = SpatialOps.arg(v[0], n), h = SpatialOps.arg(v[1], n);
            SpatialOps.sameSrid(g, h, n);
            // SRID 0: MySQL's 6370986 m; a geographic SRS: its mean radius (2a + b) / 3 (MySQL 8 manual)
            double radius = v.length > 2 ? Coercion.toDouble(ctx, v[2]) : g.geographic() ? WGS84_MEAN_RADIUS : EARTH_RADIUS;
            if (!(radius > 0)) throw dev.basalt.engine.api.ErrorCode.ER_NONPOSITIVE_RADIUS.error("st_distance_sphere");
            // points and multipoints (the least distance between their points); other types in a
            // geographic SRS are MySQL's 3618
            for (Geo x : new Geo[] {g, h}) {
                if (x.geographic() && !(x.geometry() instanceof org.locationtech.jts.geom.Point
                        || x.geometry() instanceof org.locationtech.jts.geom.MultiPoint)) SpatialOps.cartesian(n, g, h);
            }
            double best = Double.POSITIVE_INFINITY;
            for (Geo p : points(g)) for (Geo q : points(h)) best = Math.min(best, SpatialOps.sphereDistance(p, q, radius, n));
            return best;
        })));
        Functions.register("ST_AREA", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.DOUBLE, true, true, strict1((ctx, x) -> {
            Geo g = SpatialOps.arg(x, n);
            if (!(g.geometry() instanceof Polygon || g.geometry() instanceof MultiPolygon)) {
                throw dev.basalt.engine.api.ErrorCode.ER_UNEXPECTED_GEOMETRY_TYPE.error("POLYGON/MULTIPOLYGON", g.typeName(), "st_area");
            }
            return g.geographic() ? GeographicMeasures.area(g.geometry()) : g.geometry().getArea();
        })));
        // the optional second argument (MySQL 8.0.16) names the unit of the result (LengthUnits)
        Functions.register("ST_LENGTH", 1, 2, (n, a) -> new FunctionCall(n, a, SqlType.DOUBLE, true, true, strictN((ctx, v) -> {
            String unit = v.length > 1 ? unitName(v[1], a.get(1)) : null;
            Geo g = SpatialOps.arg(v[0], n);
            if (!(g.geometry() instanceof LineString || g.geometry() instanceof MultiLineString)) {
                throw dev.basalt.engine.api.ErrorCode.ER_UNEXPECTED_GEOMETRY_TYPE.error("LINESTRING/MULTILINESTRING", g.typeName(), "st_length");
            }
            LengthUnits.check(g, unit, n);
            return LengthUnits.convert(g.geographic() ? GeographicMeasures.length(g.geometry()) : g.geometry().getLength(), unit);
        })));
        unary("ST_CENTROID", true, g -> g.isEmpty() ? g : g.getCentroid());
        unary("ST_ENVELOPE", true, SpatialOps::envelope);
        unary("ST_CONVEXHULL", true, Geometry::convexHull);
        Functions.register("ST_BUFFER", 2, 5, (n, a) -> new FunctionCall(n, a, GEOMETRY, true, true, strictN((ctx, v) -> {
            if (v.length > 2) throw new dev.basalt.engine.api.SqlException(dev.basalt.engine.api.ErrorCode.ER_NOT_SUPPORTED_YET, "st_buffer strategies");
            Object x = v[0], d = v[1];
            Geo g = SpatialOps.arg(x, n);
            SpatialOps.cartesian(n, g);
            double dist = Coercion.toDouble(ctx, d);
            return new Geo(g.srid(), SpatialOps.normalize(SpatialOps.guard(n, () -> g.geometry().buffer(dist)))).bytes();
        })));
        Functions.register("ST_ISVALID", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, true, true,
                strict1((ctx, x) -> SpatialOps.arg(x, n).geometry().isValid() ? 1L : 0L)));
        Functions.register("ST_ISEMPTY", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, true, true,
                strict1((ctx, x) -> SpatialOps.arg(x, n).geometry().isEmpty() ? 1L : 0L)));
        Functions.register("ST_ISSIMPLE", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, true, true,
                strict1((ctx, x) -> SpatialOps.arg(x, n).geometry().isSimple() ? 1L : 0L)));
        Functions.register("ST_GEOMETRYTYPE", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.varchar(20), true, true,
                strict1((ctx, x) -> SpatialOps.arg(x, n).typeName())));
        Functions.register("ST_DIMENSION", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, true, true,
                strict1((ctx, x) -> (long) SpatialOps.arg(x, n).geometry().getDimension())));
        Functions.register("ST_NUMGEOMETRIES", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, true, true, strict1((ctx, x) -> {
            Geometry g = SpatialOps.arg(x, n).geometry();
            return g instanceof org.locationtech.jts.geom.GeometryCollection ? (long) g.getNumGeometries() : null;
        })));
        Functions.register("ST_GEOMETRYN", 2, 2, (n, a) -> new FunctionCall(n, a, GEOMETRY, true, true, strict2((ctx, x, i) -> {
            Geo g = SpatialOps.arg(x, n);
            long k = Coercion.toLong(ctx, i);
            if (!(g.geometry() instanceof org.locationtech.jts.geom.GeometryCollection c) || k < 1 || k > c.getNumGeometries()) return null;
            return new Geo(g.srid(), c.getGeometryN((int) k - 1)).bytes();
        })));
        Functions.register("ST_NUMPOINTS", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, true, true, strict1((ctx, x) ->
                SpatialOps.arg(x, n).geometry() instanceof LineString l ? (long) l.getNumPoints() : null)));
        Functions.register("ST_POINTN", 2, 2, (n, a) -> new FunctionCall(n, a, GEOMETRY, true, true, strict2((ctx, x, i) -> {
            Geo g = SpatialOps.arg(x, n);
            long k = Coercion.toLong(ctx, i);
            if (!(g.geometry() instanceof LineString l) || k < 1 || k > l.getNumPoints()) return null;
            return new Geo(g.srid(), l.getPointN((int) k - 1)).bytes();
        })));
        Functions.register("ST_STARTPOINT", 1, 1, (n, a) -> new FunctionCall(n, a, GEOMETRY, true, true, strict1((ctx, x) -> {
            Geo g = SpatialOps.arg(x, n);
            return g.geometry() instanceof LineString l ? new Geo(g.srid(), l.getStartPoint()).bytes() : null;
        })));
        Functions.register("ST_ENDPOINT", 1, 1, (n, a) -> new FunctionCall(n, a, GEOMETRY, true, true, strict1((ctx, x) -> {
            Geo g = SpatialOps.arg(x, n);
            return g.geometry() instanceof LineString l ? new Geo(g.srid(), l.getEndPoint()).bytes() : null;
        })));
        Functions.register("ST_ISCLOSED", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, true, true, strict1((ctx, x) -> {
            Geometry g = SpatialOps.arg(x, n).geometry();
            if (g instanceof LineString l) return l.isClosed() ? 1L : 0L;
            if (g instanceof MultiLineString m) return m.isClosed() ? 1L : 0L;
            return null;
        })));
        Functions.register("ST_EXTERIORRING", 1, 1, (n, a) -> new FunctionCall(n, a, GEOMETRY, true, true, strict1((ctx, x) -> {
            Geo g = SpatialOps.arg(x, n);
            return g.geometry() instanceof Polygon p ? new Geo(g.srid(), line(p.getExteriorRing())).bytes() : null;
        })));
        Functions.register("ST_NUMINTERIORRINGS ST_NUMINTERIORRING", 1, 1, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, true, true,
                strict1((ctx, x) -> SpatialOps.arg(x, n).geometry() instanceof Polygon p ? (long) p.getNumInteriorRing() : null)));
        Functions.register("ST_INTERIORRINGN", 2, 2, (n, a) -> new FunctionCall(n, a, GEOMETRY, true, true, strict2((ctx, x, i) -> {
            Geo g = SpatialOps.arg(x, n);
            long k = Coercion.toLong(ctx, i);
            if (!(g.geometry() instanceof Polygon p) || k < 1 || k > p.getNumInteriorRing()) return null;
            return new Geo(g.srid(), line(p.getInteriorRingN((int) k - 1))).bytes();
        })));
        Functions.register("ST_ASGEOJSON", 1, 3, (n, a) -> new FunctionCall(n, a, SqlType.of(TypeKind.JSON), true, true, strictN((ctx, v) -> {
            Geo g = SpatialOps.arg(v[0], n);
            int digits = v.length > 1 ? (int) Math.min(Integer.MAX_VALUE, Math.max(0, Coercion.toLong(ctx, v[1]))) : Integer.MAX_VALUE;
            return GeoJson.write(g, digits);
        })));
    }

    /** The unit argument as text; the unit is looked up first (3902 for an unknown name). */
    private static String unitName(Object v, dev.basalt.engine.expr.Expr arg) {
        String unit = Coercion.toText(v, arg.type());
        LengthUnits.metres(unit);
        return unit;
    }

    /** A multipoint's points, each as a value of its SRID; any other geometry as itself. */
    private static java.util.List<Geo> points(Geo g) {
        if (!(g.geometry() instanceof org.locationtech.jts.geom.MultiPoint m)) return java.util.List.of(g);
        java.util.List<Geo> out = new java.util.ArrayList<>();
        for (int i = 0; i < m.getNumGeometries(); i++) out.add(new Geo(g.srid(), m.getGeometryN(i)));
        return out;
    }

    /** A ring as the plain LINESTRING MySQL returns. */
    private static LineString line(LineString ring) {
        return Geo.FACTORY.createLineString(ring.getCoordinateSequence());
    }

    /** RelateNG (not Geometry.contains...) because it also accepts GEOMETRYCOLLECTION arguments. */
    private static void relation(String name, Supplier<TopologyPredicate> predicate) {
        Functions.register(name, 2, 2, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, true, true, strict2((ctx, x, y) -> {
            Geo g = SpatialOps.arg(x, n), h = SpatialOps.arg(y, n);
            SpatialOps.sameSrid(g, h, n);
            if (name.equals("ST_EQUALS") && g.geometry().isEmpty() && h.geometry().isEmpty()) return 1L;
            // 4326: edges follow their geodesics, across the antimeridian and around poles (GeographicPlane)
            Geometry[] both = g.geographic() ? GeographicPlane.pair(g.geometry(), h.geometry()) : new Geometry[] {g.geometry(), h.geometry()};
            Geometry x1 = both[0], y1 = both[1];
            return SpatialOps.guard(n, () -> RelateNG.relate(x1, y1, predicate.get())) ? 1L : 0L;
        })));
    }

    /** MBRxxx: the same relation between the two minimum bounding rectangles. */
    private static void mbr(String names, Supplier<TopologyPredicate> predicate) {
        Functions.register(names, 2, 2, (n, a) -> new FunctionCall(n, a, SqlType.BIGINT, true, true, strict2((ctx, x, y) -> {
            Geo g = SpatialOps.arg(x, n), h = SpatialOps.arg(y, n);
            SpatialOps.sameSrid(g, h, n);
            SpatialOps.cartesian(n, g, h);
            return RelateNG.relate(SpatialOps.envelope(g.geometry()), SpatialOps.envelope(h.geometry()), predicate.get()) ? 1L : 0L;
        })));
    }

    private static void setOperation(String name, BinaryOperator<Geometry> op) {
        Functions.register(name, 2, 2, (n, a) -> new FunctionCall(n, a, GEOMETRY, true, true, strict2((ctx, x, y) -> {
            Geo g = SpatialOps.arg(x, n), h = SpatialOps.arg(y, n);
            SpatialOps.sameSrid(g, h, n);
            SpatialOps.cartesian(n, g, h);
            return new Geo(g.srid(), SpatialOps.normalize(SpatialOps.guard(n, () -> op.apply(g.geometry(), h.geometry())))).bytes();
        })));
    }

    private static void unary(String name, boolean cartesianOnly, Function<Geometry, Geometry> op) {
        Functions.register(name, 1, 1, (n, a) -> new FunctionCall(n, a, GEOMETRY, true, true, strict1((ctx, x) -> {
            Geo g = SpatialOps.arg(x, n);
            if (cartesianOnly) SpatialOps.cartesian(n, g);
            return new Geo(g.srid(), SpatialOps.normalize(SpatialOps.guard(n, () -> op.apply(g.geometry())))).bytes();
        })));
    }
}
