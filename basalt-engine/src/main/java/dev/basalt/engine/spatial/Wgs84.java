package dev.basalt.engine.spatial;

/**
 * The WGS 84 ellipsoid (SRID 4326) and the few geodesic formulas the geographic functions share.
 * Coordinates are degrees, latitude and longitude; results are metres.
 *
 * <p>Distances use the Andoyer-Lambert first-order correction of the spherical distance, which is
 * what MySQL 8 (Boost.Geometry's default geographic strategy) computes: MySQL's documented examples,
 * ST_Distance of POINT(1 1) and POINT(2 2) = 156874.3859490455 and ST_Length of
 * LINESTRING(1 1,2 2,3 3) = 313701.9623204328, come out of {@link #andoyer} to the last digit or
 * two. The exact geodesic differs by a few metres per thousand kilometres.
 *
 * <p>Positions along an edge follow the great circle of the auxiliary sphere in reduced latitude
 * (Bessel's construction of the geodesic, without the small longitude correction), which places an
 * edge's interior within centimetres of the geodesic for edges of a few degrees.
 */
public final class Wgs84 {
    private Wgs84() {}

    /** Semi-major axis (metres) and flattening. */
    public static final double A = 6378137.0;
    public static final double F = 1 / 298.257223563;
    static final double E2 = F * (2 - F);

    /** Distance in metres between two positions (latitudes and longitudes in degrees). */
    public static double andoyer(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1), phi2 = Math.toRadians(lat2);
        double sin1 = Math.sin(phi1), sin2 = Math.sin(phi2), cos1 = Math.cos(phi1), cos2 = Math.cos(phi2);
        double cosD = sin1 * sin2 + cos1 * cos2 * Math.cos(Math.toRadians(lon2 - lon1));
        cosD = Math.max(-1, Math.min(1, cosD));
        double d = Math.acos(cosD); // the central angle on the sphere
        double sinD = Math.sin(d);
        double k = (sin1 - sin2) * (sin1 - sin2);
        double l = (sin1 + sin2) * (sin1 + sin2);
        // as Boost.Geometry's andoyer_inverse (MySQL's): a term whose denominator is 0 (the same
        // point, or antipodes such as the two poles) is 0, not inf * 0 = NaN
        double h = nearZero(1 - cosD) ? 0 : (d + 3 * sinD) / (1 - cosD);
        double g = nearZero(1 + cosD) ? 0 : (d - 3 * sinD) / (1 + cosD);
        return A * (d - F / 4 * (h * k + g * l));
    }

    /** Boost's math::equals(x, 0): within one epsilon. */
    private static boolean nearZero(double x) {
        return Math.abs(x) <= Math.ulp(1.0);
    }

    /**
     * The position a fraction {@code t} (0..1) along the edge from (lon1, lat1) to (lon2, lat2), as
     * {longitude, latitude} in degrees; the longitude is unwrapped to lie within 180 degrees of lon1.
     */
    public static double[] along(double lon1, double lat1, double lon2, double lat2, double t) {
        double b1 = reduced(lat1), b2 = reduced(lat2);
        double l1 = Math.toRadians(lon1), l2 = Math.toRadians(lon2);
        double px = Math.cos(b1) * Math.cos(l1), py = Math.cos(b1) * Math.sin(l1), pz = Math.sin(b1);
        double qx = Math.cos(b2) * Math.cos(l2), qy = Math.cos(b2) * Math.sin(l2), qz = Math.sin(b2);
        double w = Math.acos(Math.max(-1, Math.min(1, px * qx + py * qy + pz * qz)));
        if (w < 1e-15) return new double[] {lon1, lat1};
        double s = Math.sin(w), a = Math.sin((1 - t) * w) / s, b = Math.sin(t * w) / s;
        double x = a * px + b * qx, y = a * py + b * qy, z = a * pz + b * qz;
        double lat = Math.toDegrees(Math.atan(Math.tan(Math.atan2(z, Math.hypot(x, y))) / (1 - F)));
        double lon = Math.toDegrees(Math.atan2(y, x));
        while (lon - lon1 > 180) lon -= 360;
        while (lon - lon1 < -180) lon += 360;
        return new double[] {lon, lat};
    }

    private static double reduced(double latDegrees) {
        double phi = Math.toRadians(latDegrees);
        if (Math.abs(latDegrees) == 90) return phi;
        return Math.atan((1 - F) * Math.tan(phi));
    }
}
