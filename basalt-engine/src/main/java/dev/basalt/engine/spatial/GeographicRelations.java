package dev.basalt.engine.spatial;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryTransformer;
import org.locationtech.jts.geom.CoordinateSequence;

import java.util.ArrayList;
import java.util.List;

/**
 * Spatial relations in a geographic SRS (4326). MySQL 8 decides them with geodesic edges on the
 * ellipsoid; here each edge is replaced by short pieces that follow the geodesic
 * ({@link Wgs84#along}), and JTS decides the relation on the resulting longitude-latitude figures.
 * A piece spans at most {@link #STEP_DEGREES}, so an edge's interior lies within metres of the
 * geodesic; vertices are kept exactly, and an edge gets the same pieces in either direction, so
 * shared edges and vertices still touch or coincide.
 *
 * <p>Figures that cross the antimeridian or enclose a pole are drawn by {@link GeographicPlane};
 * {@link #densified} alone takes a figure as drawn on the longitude-latitude plane.
 */
public final class GeographicRelations {
    private GeographicRelations() {}

    static final double STEP_DEGREES = 0.25;

    /** The geometry with every edge replaced by pieces along its geodesic. */
    public static Geometry densified(Geometry g) {
        return new GeometryTransformer() {
            @Override
            protected CoordinateSequence transformCoordinates(CoordinateSequence seq, Geometry parent) {
                if (seq.size() < 2) return seq.copy();
                Coordinate[] cs = seq.toCoordinateArray();
                List<Coordinate> out = new ArrayList<>();
                for (int i = 0; i + 1 < cs.length; i++) {
                    out.add(cs[i]);
                    edge(cs[i], cs[i + 1], out);
                }
                out.add(cs[cs.length - 1]);
                return factory.getCoordinateSequenceFactory().create(out.toArray(new Coordinate[0]));
            }

            @Override
            protected Geometry transformLinearRing(LinearRing geom, Geometry parent) {
                return factory.createLinearRing(transformCoordinates(geom.getCoordinateSequence(), geom));
            }

            @Override
            protected Geometry transformPolygon(Polygon geom, Geometry parent) {
                LinearRing shell = (LinearRing) transformLinearRing(geom.getExteriorRing(), geom);
                LinearRing[] holes = new LinearRing[geom.getNumInteriorRing()];
                for (int i = 0; i < holes.length; i++) holes[i] = (LinearRing) transformLinearRing(geom.getInteriorRingN(i), geom);
                return factory.createPolygon(shell, holes);
            }

            @Override
            protected Geometry transformLineString(LineString geom, Geometry parent) {
                return factory.createLineString(transformCoordinates(geom.getCoordinateSequence(), geom));
            }
        }.transform(g);
    }

    /** Adds the interior points of the edge a-b (not a, not b) in order from a to b. */
    static void edge(Coordinate a, Coordinate b, List<Coordinate> out) {
        double dx = Math.abs(b.x - a.x) % 360;
        double span = Math.max(Math.min(dx, 360 - dx), Math.abs(b.y - a.y)); // across the antimeridian the short way
        int pieces = (int) Math.ceil(span / STEP_DEGREES);
        if (pieces < 2) return;
        // computed from the lesser end, so that an edge shared by two figures in opposite
        // directions gets the same points
        boolean forward = a.x < b.x || (a.x == b.x && a.y <= b.y);
        Coordinate from = forward ? a : b, to = forward ? b : a;
        Coordinate[] inner = new Coordinate[pieces - 1];
        for (int k = 1; k < pieces; k++) {
            double[] p = Wgs84.along(from.x, from.y, to.x, to.y, (double) k / pieces);
            inner[k - 1] = new Coordinate(p[0], p[1]);
        }
        if (forward) {
            for (Coordinate c : inner) out.add(c);
        } else {
            for (int k = inner.length - 1; k >= 0; k--) out.add(inner[k]);
        }
    }
}
