package dev.basalt.engine.spatial;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two geographic (4326) figures drawn on one longitude-latitude plane so that JTS's planar
 * relations tell what the globe tells, for {@link GeographicRelations} and ST_Distance.
 *
 * <p>On the globe an edge is the short geodesic between its ends, so an edge from longitude 179
 * to -179 crosses the antimeridian, and a ring can wind once around a pole. Each edge is cut into
 * pieces along its geodesic ({@link GeographicRelations#STEP_DEGREES}) with longitudes unwrapped
 * (no step of more than 180 degrees); then a meridian that no part of either figure crosses is
 * chosen (the antimeridian when it is free, so ordinary figures keep their coordinates) and every
 * part is shifted by whole turns into the 360 degrees east of it. A ring that winds around a pole
 * is cut at that meridian and closed along the pole it encloses: the pole on its smaller side,
 * which is how MySQL reads a geographic polygon (orientation does not matter). The plane is then
 * the globe cut open along a meridian no figure touches, so relations computed on it are the
 * globe's.
 *
 * <p>Limits: figures that together leave no meridian free (a part spanning every longitude that is
 * not a pole ring) fall back to the plain drawing; a point exactly at a pole lies on the pole's
 * line in the plane, the boundary of a polar polygon rather than its interior.
 */
public final class GeographicPlane {
    private GeographicPlane() {}

    private static final double TURN = 360;
    private static final double EPS = 1e-9;

    /** {@code g} and {@code h} densified, unwrapped and placed in one window; see the class comment. */
    public static Geometry[] pair(Geometry g, Geometry h) {
        Map<Coordinate[], Coordinate[]> cache = new IdentityHashMap<>();
        List<double[]> intervals = new ArrayList<>();
        intervals(g, intervals, cache);
        intervals(h, intervals, cache);
        Double cut = cut(intervals);
        if (cut == null) return new Geometry[] {GeographicRelations.densified(g), GeographicRelations.densified(h)};
        return new Geometry[] {place(g, cut, cache), place(h, cut, cache)};
    }

    // ---- unwrapping ----------------------------------------------------------------------------

    /** The vertices with each edge cut along its geodesic and longitudes unwrapped. */
    static Coordinate[] unwrapped(Coordinate[] cs, Map<Coordinate[], Coordinate[]> cache) {
        Coordinate[] done = cache.get(cs);
        if (done != null) return done;
        List<Coordinate> out = new ArrayList<>();
        if (cs.length > 0) out.add(new Coordinate(cs[0].x, cs[0].y));
        for (int i = 0; i + 1 < cs.length; i++) {
            List<Coordinate> pieces = new ArrayList<>();
            GeographicRelations.edge(cs[i], cs[i + 1], pieces);
            pieces.add(cs[i + 1]);
            for (Coordinate p : pieces) {
                double prev = out.get(out.size() - 1).x;
                double x = p.x + TURN * Math.round((prev - p.x) / TURN);
                out.add(new Coordinate(x, p.y));
            }
        }
        done = out.toArray(new Coordinate[0]);
        cache.put(cs, done);
        return done;
    }

    /** Whole turns a closed ring winds around a pole (0 for an ordinary ring). */
    private static int winding(Coordinate[] u) {
        return (int) Math.round((u[u.length - 1].x - u[0].x) / TURN);
    }

    // ---- choosing the cut ----------------------------------------------------------------------

    /** The longitude ranges [min, max] of every part that must not be cut (pole rings have none). */
    private static void intervals(Geometry g, List<double[]> out, Map<Coordinate[], Coordinate[]> cache) {
        if (g.isEmpty()) return;
        if (g instanceof Point p) {
            out.add(new double[] {p.getX(), p.getX()});
        } else if (g instanceof LineString l) {
            out.add(range(unwrapped(l.getCoordinates(), cache)));
        } else if (g instanceof Polygon poly) {
            Coordinate[] shell = unwrapped(poly.getExteriorRing().getCoordinates(), cache);
            if (winding(shell) == 0) out.add(range(shell));
            for (int i = 0; i < poly.getNumInteriorRing(); i++) {
                Coordinate[] hole = unwrapped(poly.getInteriorRingN(i).getCoordinates(), cache);
                if (winding(hole) == 0) out.add(range(hole));
            }
        } else if (g instanceof GeometryCollection c) {
            for (int i = 0; i < c.getNumGeometries(); i++) intervals(c.getGeometryN(i), out, cache);
        }
    }

    private static double[] range(Coordinate[] u) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Coordinate c : u) { lo = Math.min(lo, c.x); hi = Math.max(hi, c.x); }
        return new double[] {lo, hi};
    }

    /**
     * A meridian inside none of the ranges: -180 when free, else the middle of the widest gap
     * between them; null when they cover every longitude.
     */
    static Double cut(List<double[]> ranges) {
        if (free(-180, ranges)) return -180.0;
        List<double[]> norm = new ArrayList<>();
        for (double[] r : ranges) {
            double w = r[1] - r[0];
            if (w >= TURN - EPS) return null;
            double s = mod(r[0]);
            norm.add(new double[] {s, s + w});
        }
        norm.sort((a, b) -> Double.compare(a[0], b[0]));
        // merge on the line, then the gaps between merged ranges and round the turn
        List<double[]> merged = new ArrayList<>();
        for (double[] r : norm) {
            double[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
            else merged.add(new double[] {r[0], r[1]});
        }
        Double best = null;
        double bestGap = 0;
        for (int i = 0; i < merged.size(); i++) {
            double end = merged.get(i)[1];
            double next = i + 1 < merged.size() ? merged.get(i + 1)[0] : merged.get(0)[0] + TURN;
            double gap = next - end;
            if (gap <= bestGap) continue;
            double c = end + gap / 2;
            if (free(c, norm)) { best = c; bestGap = gap; }
        }
        return best == null ? null : mod(best + 180) - 180;
    }

    /** True when the meridian {@code c} lies strictly outside every range (taken round the turn). */
    private static boolean free(double c, List<double[]> ranges) {
        for (double[] r : ranges) {
            double w = r[1] - r[0];
            if (w >= TURN - EPS) return false;
            double d = mod(c - r[0]);
            if (d <= w + EPS || d >= TURN - EPS) return false;
        }
        return true;
    }

    private static double mod(double x) {
        double m = x % TURN;
        return m < 0 ? m + TURN : m;
    }

    // ---- placing -------------------------------------------------------------------------------

    private static Geometry place(Geometry g, double cut, Map<Coordinate[], Coordinate[]> cache) {
        GeometryFactory f = Geo.FACTORY;
        if (g.isEmpty()) return g;
        if (g instanceof Point p) {
            return f.createPoint(shifted(new Coordinate[] {p.getCoordinate()}, cut)[0]);
        }
        if (g instanceof LinearRing r) {
            return f.createLinearRing(shifted(unwrapped(r.getCoordinates(), cache), cut));
        }
        if (g instanceof LineString l) {
            return f.createLineString(shifted(unwrapped(l.getCoordinates(), cache), cut));
        }
        if (g instanceof Polygon poly) {
            LinearRing shell = ring(unwrapped(poly.getExteriorRing().getCoordinates(), cache), cut);
            LinearRing[] holes = new LinearRing[poly.getNumInteriorRing()];
            for (int i = 0; i < holes.length; i++) holes[i] = ring(unwrapped(poly.getInteriorRingN(i).getCoordinates(), cache), cut);
            return f.createPolygon(shell, holes);
        }
        GeometryCollection c = (GeometryCollection) g;
        Geometry[] parts = new Geometry[c.getNumGeometries()];
        for (int i = 0; i < parts.length; i++) parts[i] = place(c.getGeometryN(i), cut, cache);
        if (g instanceof MultiPoint) return f.createMultiPoint(java.util.Arrays.copyOf(parts, parts.length, Point[].class));
        if (g instanceof MultiLineString) return f.createMultiLineString(java.util.Arrays.copyOf(parts, parts.length, LineString[].class));
        if (g instanceof MultiPolygon) return f.createMultiPolygon(java.util.Arrays.copyOf(parts, parts.length, Polygon[].class));
        return f.createGeometryCollection(parts);
    }

    /** The part shifted by whole turns so that its westmost longitude is in [cut, cut + 360). */
    private static Coordinate[] shifted(Coordinate[] u, double cut) {
        double lo = Double.POSITIVE_INFINITY;
        for (Coordinate c : u) lo = Math.min(lo, c.x);
        double k = Math.floor((lo - cut) / TURN);
        double dx = -k * TURN;
        Coordinate[] out = new Coordinate[u.length];
        for (int i = 0; i < u.length; i++) out[i] = new Coordinate(u[i].x + dx, u[i].y);
        return out;
    }

    private static LinearRing ring(Coordinate[] u, double cut) {
        int turns = winding(u);
        if (turns == 0 || Math.abs(turns) > 1) return Geo.FACTORY.createLinearRing(closed(shifted(u, cut)));
        return Geo.FACTORY.createLinearRing(polar(u, cut));
    }

    private static Coordinate[] closed(Coordinate[] u) {
        if (u.length > 0 && !u[0].equals2D(u[u.length - 1])) {
            Coordinate[] out = java.util.Arrays.copyOf(u, u.length + 1);
            out[u.length] = new Coordinate(u[0]);
            return out;
        }
        return u;
    }

    /**
     * A ring that winds once around a pole, cut at the meridian {@code cut} and closed along the
     * pole on its smaller side.
     */
    private static Coordinate[] polar(Coordinate[] u, double cut) {
        int n = u.length;
        double d = u[n - 1].x - u[0].x; // +-360
        // bring the start into [cut, cut + 360); the ring then crosses x* once
        double dx = -Math.floor((u[0].x - cut) / TURN) * TURN;
        Coordinate[] v = new Coordinate[n];
        for (int i = 0; i < n; i++) v[i] = new Coordinate(u[i].x + dx, u[i].y);
        double xs = d > 0 ? cut + TURN : cut;
        int at = -1;
        for (int i = 0; i + 1 < n; i++) {
            boolean crosses = d > 0 ? v[i].x < xs && v[i + 1].x >= xs : v[i].x > xs && v[i + 1].x <= xs;
            if (crosses) { at = i; break; }
        }
        if (at < 0) at = 0; // the start is on the meridian itself
        Coordinate a = v[at], b = v[at + 1];
        double t = b.x == a.x ? 0 : (xs - a.x) / (b.x - a.x);
        Coordinate p = new Coordinate(xs, a.y + t * (b.y - a.y));
        List<Coordinate> l = new ArrayList<>();
        l.add(p);
        for (int i = at + 1; i < n; i++) l.add(v[i]);
        for (int i = 1; i <= at; i++) l.add(new Coordinate(v[i].x + d, v[i].y));
        l.add(new Coordinate(p.x + d, p.y));
        // shift into [cut, cut + 360]
        double lo = Double.POSITIVE_INFINITY;
        for (Coordinate c : l) lo = Math.min(lo, c.x);
        double back = cut - lo;
        back = Math.round(back / TURN) * TURN;
        for (Coordinate c : l) c.x += back;
        Coordinate start = l.get(0), end = l.get(l.size() - 1);
        double pole = northIsSmaller(l) ? 90 : -90;
        l.add(new Coordinate(end.x, pole));
        l.add(new Coordinate(start.x, pole));
        l.add(new Coordinate(start));
        return l.toArray(new Coordinate[0]);
    }

    /**
     * Whether the side of the ring holding the north pole is the smaller: its area in Lambert's
     * cylindrical equal-area coordinates (longitude in radians, sine of latitude) against half of
     * the sphere's 4 pi.
     */
    private static boolean northIsSmaller(List<Coordinate> l) {
        List<Coordinate> r = new ArrayList<>(l);
        Coordinate start = l.get(0), end = l.get(l.size() - 1);
        r.add(new Coordinate(end.x, 90));
        r.add(new Coordinate(start.x, 90));
        r.add(start);
        double twice = 0;
        for (int i = 0; i + 1 < r.size(); i++) {
            double x1 = Math.toRadians(r.get(i).x), y1 = Math.sin(Math.toRadians(r.get(i).y));
            double x2 = Math.toRadians(r.get(i + 1).x), y2 = Math.sin(Math.toRadians(r.get(i + 1).y));
            twice += x1 * y2 - x2 * y1;
        }
        return Math.abs(twice) / 2 <= 2 * Math.PI;
    }
}
