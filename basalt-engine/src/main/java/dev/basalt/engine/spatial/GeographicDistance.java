package dev.basalt.engine.spatial;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.Point;

import java.util.Locale;

/**
 * ST_Distance in a geographic SRS (4326, WGS 84): metres on the ellipsoid, as MySQL 8 answers.
 * MySQL computes point distances with the Andoyer-Lambert first-order correction of the spherical
 * distance (its documented example, POINT(1 1) to POINT(2 2) in 4326, is 156874.3859490455 m,
 * which this formula gives to the last digit; an exact geodesic would say 156876.15 m). Points and
 * multipoints only; other geometry types are an honest 1235 until their ellipsoidal math exists.
 */
public final class GeographicDistance {
    private GeographicDistance() {}

    /** WGS 84's semi-major axis (metres) and flattening. */
    private static final double A = 6378137.0;
    private static final double F = 1 / 298.257223563;

    /** The least distance between the points of {@code a} and of {@code b}, in metres. */
    public static double distance(Geo a, Geo b, String function) {
        Point[] ps = points(a.geometry(), function), qs = points(b.geometry(), function);
        double best = Double.POSITIVE_INFINITY;
        for (Point p : ps) for (Point q : qs) best = Math.min(best, andoyer(p.getY(), p.getX(), q.getY(), q.getX()));
        return best;
    }

    private static Point[] points(Geometry g, String function) {
        if (g instanceof Point p) return new Point[] {p};
        if (g instanceof MultiPoint m) {
            Point[] out = new Point[m.getNumGeometries()];
            for (int i = 0; i < out.length; i++) out[i] = (Point) m.getGeometryN(i);
            return out;
        }
        throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, function.toLowerCase(Locale.ROOT) + "(" + g.getGeometryType()
                + ", ...) on a geographic spatial reference system");
    }

    /** Latitudes and longitudes in degrees. */
    static double andoyer(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1), phi2 = Math.toRadians(lat2);
        double sin1 = Math.sin(phi1), sin2 = Math.sin(phi2), cos1 = Math.cos(phi1), cos2 = Math.cos(phi2);
        double cosD = sin1 * sin2 + cos1 * cos2 * Math.cos(Math.toRadians(lon2 - lon1));
        cosD = Math.max(-1, Math.min(1, cosD));
        double d = Math.acos(cosD); // the central angle on the sphere
        double sinD = Math.sin(d);
        if (sinD == 0) return A * d; // the same point (0), or antipodes: the spherical value
        double k = (sin1 - sin2) * (sin1 - sin2);
        double l = (sin1 + sin2) * (sin1 + sin2);
        double h = (d + 3 * sinD) / (1 - cosD);
        double g = (d - 3 * sinD) / (1 + cosD);
        return A * (d - F / 4 * (h * k + g * l));
    }
}
