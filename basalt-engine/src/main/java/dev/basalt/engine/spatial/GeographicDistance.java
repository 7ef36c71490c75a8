package dev.basalt.engine.spatial;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.relateng.RelateNG;
import org.locationtech.jts.operation.relateng.RelatePredicate;

import java.util.ArrayList;
import java.util.List;

/**
 * ST_Distance in a geographic SRS (4326, WGS 84): metres on the ellipsoid, as MySQL 8 answers for
 * every pair of geometry types (WL#9347 points, WL#12216 the others). Points use
 * {@link Wgs84#andoyer}, MySQL's formula (its documented example, POINT(1 1) to POINT(2 2), is
 * 156874.3859490455, which this gives to the last digit). Figures that intersect are 0 apart; else
 * the distance is the least from a vertex of one to an edge of the other, the point of the edge
 * found by a golden-section search along the geodesic. MySQL's point-to-segment formula is another
 * approximation, so those values agree to a metre or so, not to the last digit.
 */
public final class GeographicDistance {
    private GeographicDistance() {}

    /** The least distance between the points of {@code a} and of {@code b}, in metres. */
    public static double distance(Geo a, Geo b, String function) {
        Geometry g = a.geometry(), h = b.geometry();
        if (g.getDimension() == 0 && h.getDimension() == 0) { // points only (a collection's dimension is its parts' highest)
            double best = Double.POSITIVE_INFINITY;
            for (Coordinate p : g.getCoordinates()) for (Coordinate q : h.getCoordinates()) best = Math.min(best, Wgs84.andoyer(p.y, p.x, q.y, q.x));
            return best;
        }
        Geometry[] both = GeographicPlane.pair(g, h);
        if (RelateNG.relate(both[0], both[1], RelatePredicate.intersects())) return 0;
        List<Coordinate[]> ge = edges(g), he = edges(h);
        double best = Double.POSITIVE_INFINITY;
        for (Coordinate p : g.getCoordinates()) best = Math.min(best, toEdges(p, he, h));
        for (Coordinate p : h.getCoordinates()) best = Math.min(best, toEdges(p, ge, g));
        return best;
    }

    private static double toEdges(Coordinate p, List<Coordinate[]> edges, Geometry other) {
        double best = Double.POSITIVE_INFINITY;
        for (Coordinate[] e : edges) best = Math.min(best, toEdge(p, e[0], e[1]));
        // the other's lone points (of a point, multipoint or collection)
        for (Coordinate q : lonePoints(other)) best = Math.min(best, Wgs84.andoyer(p.y, p.x, q.y, q.x));
        return best;
    }

    /** The least distance from p to the edge a-b: golden-section search after a coarse scan. */
    static double toEdge(Coordinate p, Coordinate a, Coordinate b) {
        final int samples = 16;
        int bestK = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int k = 0; k <= samples; k++) {
            double d = at(p, a, b, (double) k / samples);
            if (d < bestD) { bestD = d; bestK = k; }
        }
        double lo = Math.max(0, (bestK - 1) / (double) samples), hi = Math.min(1, (bestK + 1) / (double) samples);
        final double r = (Math.sqrt(5) - 1) / 2;
        double x1 = hi - r * (hi - lo), x2 = lo + r * (hi - lo);
        double f1 = at(p, a, b, x1), f2 = at(p, a, b, x2);
        for (int i = 0; i < 60 && hi - lo > 1e-13; i++) {
            if (f1 < f2) { hi = x2; x2 = x1; f2 = f1; x1 = hi - r * (hi - lo); f1 = at(p, a, b, x1); }
            else { lo = x1; x1 = x2; f1 = f2; x2 = lo + r * (hi - lo); f2 = at(p, a, b, x2); }
        }
        return Math.min(bestD, Math.min(f1, f2));
    }

    private static double at(Coordinate p, Coordinate a, Coordinate b, double t) {
        double[] q = t == 0 ? new double[] {a.x, a.y} : t == 1 ? new double[] {b.x, b.y} : Wgs84.along(a.x, a.y, b.x, b.y, t);
        return Wgs84.andoyer(p.y, p.x, q[1], q[0]);
    }

    private static List<Coordinate[]> edges(Geometry g) {
        List<Coordinate[]> out = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part != g && part instanceof GeometryCollection) { out.addAll(edges(part)); continue; }
            if (part instanceof LineString l) addEdges(l, out);
            else if (part instanceof Polygon poly) {
                addEdges(poly.getExteriorRing(), out);
                for (int h = 0; h < poly.getNumInteriorRing(); h++) addEdges(poly.getInteriorRingN(h), out);
            }
        }
        return out;
    }

    private static void addEdges(LineString l, List<Coordinate[]> out) {
        Coordinate[] cs = l.getCoordinates();
        for (int k = 0; k + 1 < cs.length; k++) out.add(new Coordinate[] {cs[k], cs[k + 1]});
    }

    private static List<Coordinate> lonePoints(Geometry g) {
        List<Coordinate> out = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part != g && part instanceof GeometryCollection) out.addAll(lonePoints(part));
            else if (part instanceof Point pt && !pt.isEmpty()) out.add(pt.getCoordinate());
        }
        return out;
    }
}
