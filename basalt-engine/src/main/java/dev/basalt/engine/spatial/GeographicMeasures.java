package dev.basalt.engine.spatial;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * ST_Length and ST_Area in a geographic SRS (4326): metres and square metres on the WGS 84
 * ellipsoid, as MySQL 8 answers (WL#10416 ellipsoidal ST_Length, ST_Area since 8.0.13).
 *
 * <p>Length is the sum of the edges' {@link Wgs84#andoyer} distances, MySQL's own formula.
 * Area maps each vertex to the authalic (equal-area) sphere and sums the spherical excess of the
 * trapezoids between each edge and the equator; that is exact for the sphere and within about
 * 2e-7 of the exact geodesic area on the ellipsoid (a one-degree square at the equator:
 * 12308776256.9 here, 12308778361.5 by GeographicLib). MySQL's Boost.Geometry series is an
 * approximation of its own, so values agree to about six significant digits, not to the last.
 */
public final class GeographicMeasures {
    private GeographicMeasures() {}

    private static final double E = Math.sqrt(Wgs84.E2);
    private static final double QP = q(Math.PI / 2);
    /** The authalic sphere's radius squared. */
    private static final double RQ2 = Wgs84.A * Wgs84.A * QP / 2;

    /** The length of a LINESTRING or the summed lengths of a MULTILINESTRING, in metres. */
    public static double length(Geometry g) {
        double sum = 0;
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Coordinate[] cs = ((LineString) g.getGeometryN(i)).getCoordinates();
            for (int k = 0; k + 1 < cs.length; k++) sum += Wgs84.andoyer(cs[k].y, cs[k].x, cs[k + 1].y, cs[k + 1].x);
        }
        return sum;
    }

    /** The area of a POLYGON or the summed areas of a MULTIPOLYGON, in square metres. */
    public static double area(Geometry g) {
        double sum = 0;
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Polygon p = (Polygon) g.getGeometryN(i);
            double a = ring(p.getExteriorRing().getCoordinates());
            for (int h = 0; h < p.getNumInteriorRing(); h++) a -= ring(p.getInteriorRingN(h).getCoordinates());
            sum += a;
        }
        return sum;
    }

    /**
     * The area a closed ring (x longitude, y latitude) encloses: the smaller of the two sides it
     * cuts the globe into, as MySQL reads a geographic polygon whatever the ring's orientation.
     * Each edge adds the signed area between it and the equator (taking the short way across the
     * antimeridian); for an ordinary ring these sum to its area, for a ring that winds once around
     * a pole to the band between it and the equator, from which the polar side follows.
     */
    private static double ring(Coordinate[] cs) {
        double excess = 0, turn = 0;
        for (int k = 0; k + 1 < cs.length; k++) {
            double t1 = Math.tan(authalic(cs[k].y) / 2), t2 = Math.tan(authalic(cs[k + 1].y) / 2);
            double dl = Math.toRadians(cs[k + 1].x - cs[k].x);
            if (dl > Math.PI) dl -= 2 * Math.PI;
            if (dl < -Math.PI) dl += 2 * Math.PI;
            turn += dl;
            excess += 2 * Math.atan2(Math.tan(dl / 2) * (t1 + t2), 1 + t1 * t2);
        }
        double side = Math.abs(turn) > Math.PI
                ? 2 * Math.PI - Math.signum(turn) * excess // the north pole's side of a polar ring
                : Math.abs(excess);
        return Math.min(side, 4 * Math.PI - side) * RQ2;
    }

    /** The authalic latitude (radians) of a geodetic latitude in degrees. */
    private static double authalic(double latDegrees) {
        return Math.asin(Math.max(-1, Math.min(1, q(Math.toRadians(latDegrees)) / QP)));
    }

    private static double q(double phi) {
        double s = Math.sin(phi);
        return (1 - Wgs84.E2) * (s / (1 - Wgs84.E2 * s * s) - Math.log((1 - E * s) / (1 + E * s)) / (2 * E));
    }
}
