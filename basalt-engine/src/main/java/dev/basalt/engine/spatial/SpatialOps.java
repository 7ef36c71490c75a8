package dev.basalt.engine.spatial;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

import java.util.Locale;

/** Argument checks shared by the spatial functions, with MySQL 8's errors. */
public final class SpatialOps {
    private SpatialOps() {}

    public static Geo arg(Object v, String function) {
        return GeometryCodec.decode(v, function);
    }

    /** Two geometries of one function must share their SRID (3033). */
    public static void sameSrid(Geo a, Geo b, String function) {
        if (a.srid() != b.srid()) {
            throw ErrorCode.ER_GIS_DIFFERENT_SRIDS.error(function.toLowerCase(Locale.ROOT), a.srid(), b.srid());
        }
    }

    /**
     * Functions Basalt computes in Cartesian space only refuse geographic arguments with MySQL's
     * own 3618 (what MySQL 8 answers for the functions it has no ellipsoidal version of), rather
     * than answer with planar numbers in degrees.
     */
    public static void cartesian(String function, Geo... args) {
        for (Geo g : args) {
            if (g.geographic()) {
                StringBuilder types = new StringBuilder();
                for (Geo a : args) types.append(types.isEmpty() ? "" : ", ").append(a.typeName());
                throw ErrorCode.ER_NOT_IMPLEMENTED_FOR_GEOGRAPHIC_SRS.error(function.toLowerCase(Locale.ROOT), types.toString());
            }
        }
    }

    public static Point point(Geo g, String function) {
        if (g.geometry() instanceof Point p) return p;
        throw ErrorCode.ER_UNEXPECTED_GEOMETRY_TYPE.error("POINT", g.typeName(), function.toLowerCase(Locale.ROOT));
    }

    /**
     * The minimum bounding rectangle as MySQL builds it: a POINT or LINESTRING when degenerate, else a
     * POLYGON starting at (minX minY) and going counter-clockwise.
     */
    public static Geometry envelope(Geometry g) {
        if (g.isEmpty()) return Geo.FACTORY.createGeometryCollection();
        var e = g.getEnvelopeInternal();
        var f = Geo.FACTORY;
        if (e.getWidth() == 0 && e.getHeight() == 0) return f.createPoint(new Coordinate(e.getMinX(), e.getMinY()));
        if (e.getWidth() == 0 || e.getHeight() == 0) {
            return f.createLineString(new Coordinate[] {new Coordinate(e.getMinX(), e.getMinY()), new Coordinate(e.getMaxX(), e.getMaxY())});
        }
        return f.createPolygon(new Coordinate[] {new Coordinate(e.getMinX(), e.getMinY()), new Coordinate(e.getMaxX(), e.getMinY()),
                new Coordinate(e.getMaxX(), e.getMaxY()), new Coordinate(e.getMinX(), e.getMaxY()), new Coordinate(e.getMinX(), e.getMinY())});
    }

    /**
     * Runs a JTS computation: a topology failure (an invalid input such as a self-intersecting
     * polygon) is 3037, an argument JTS cannot handle (collections in overlays) an honest 1235;
     * neither reaches the client as an internal error.
     */
    public static <T> T guard(String function, java.util.function.Supplier<T> computation) {
        try {
            return computation.get();
        } catch (org.locationtech.jts.geom.TopologyException e) {
            throw GeometryCodec.invalid(function);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, function.toLowerCase(Locale.ROOT) + " on these geometry types");
        }
    }

    /** MySQL returns GEOMETRYCOLLECTION EMPTY for an empty result of any type. */
    public static Geometry normalize(Geometry g) {
        if (g.isEmpty()) return Geo.FACTORY.createGeometryCollection();
        return g;
    }

    /** The SRID argument of a constructor or setter: 0..2^32-1 and known (3548). */
    public static long srid(long srid) {
        if (srid < 0 || srid > 0xFFFFFFFFL || !Srs.known(srid)) throw ErrorCode.ER_SRS_NOT_FOUND.error(srid);
        return srid;
    }

    /** For geographic SRSs MySQL checks latitude (first axis) and longitude ranges on input. */
    public static void checkRange(Geo g, String function) {
        if (!g.geographic()) return;
        for (var c : g.geometry().getCoordinates()) { // internal order: x longitude, y latitude
            if (c.y < -90 || c.y > 90) {
                throw ErrorCode.ER_LATITUDE_OUT_OF_RANGE.error(degrees(c.y), function.toLowerCase(Locale.ROOT));
            }
            if (c.x <= -180 || c.x > 180) {
                throw ErrorCode.ER_LONGITUDE_OUT_OF_RANGE.error(degrees(c.x), function.toLowerCase(Locale.ROOT));
            }
        }
    }

    /** A coordinate in a range error, as MySQL's %f prints it: -180.000000. */
    private static String degrees(double v) {
        return String.format(Locale.ROOT, "%f", v);
    }

    /**
     * Great-circle distance (haversine) between two points in degrees: x is longitude and y latitude,
     * both for SRID 0 (MySQL's convention) and internally for geographic SRIDs. As MySQL (and the
     * Boost.Geometry haversine it calls): a longitude must lie in (-180, 180] and a latitude in
     * [-90, 90] (3616 / 3617, checked per point in order), degrees become radians as deg * pi / 180,
     * and a pole keeps its longitude (two points at one pole are a few nanometres apart, not 0).
     */
    public static double sphereDistance(Geo a, Geo b, double radius, String function) {
        Point p = point(a, function), q = point(b, function);
        String fn = function.toLowerCase(Locale.ROOT);
        double[] ends = {p.getX(), p.getY(), q.getX(), q.getY()};
        for (int i = 0; i < 4; i += 2) {
            double lon = ends[i], lat = ends[i + 1];
            if (!(-180.0 < lon && lon <= 180.0)) throw ErrorCode.ER_LONGITUDE_OUT_OF_RANGE.error(degrees(lon), fn);
            if (!(-90.0 <= lat && lat <= 90.0)) throw ErrorCode.ER_LATITUDE_OUT_OF_RANGE.error(degrees(lat), fn);
        }
        double lon1 = ends[0] * Math.PI / 180.0, lat1 = ends[1] * Math.PI / 180.0;
        double lon2 = ends[2] * Math.PI / 180.0, lat2 = ends[3] * Math.PI / 180.0;
        double a1 = Math.sin(0.5 * (lat2 - lat1)), a2 = Math.sin(0.5 * (lon2 - lon1));
        double h = a1 * a1 + Math.cos(lat1) * Math.cos(lat2) * (a2 * a2);
        return radius * (2.0 * Math.asin(Math.min(1.0, Math.sqrt(h))));
    }
}
