package dev.basalt.engine.spatial;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * A decoded geometry value: its SRID and the JTS geometry in MySQL's internal axis order: x, y for
 * Cartesian SRSs; longitude, latitude for geographic ones (4326), whose WKT/WKB text is
 * latitude-longitude, so it is swapped on the way in and out ({@link #swapAxes}).
 */
public record Geo(long srid, Geometry geometry) {

    /** Double precision, no SRID on the JTS side: the SRID lives in {@link #srid}. */
    public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 0);

    public boolean geographic() { return Srs.geographic(srid); }

    /** MySQL's upper-case type name (ST_GeometryType, error messages). */
    public String typeName() { return typeName(geometry); }

    public static String typeName(Geometry g) {
        return switch (g.getGeometryType()) {
            case "Point" -> "POINT";
            case "LineString", "LinearRing" -> "LINESTRING";
            case "Polygon" -> "POLYGON";
            case "MultiPoint" -> "MULTIPOINT";
            case "MultiLineString" -> "MULTILINESTRING";
            case "MultiPolygon" -> "MULTIPOLYGON";
            default -> "GEOMCOLLECTION";
        };
    }

    public byte[] bytes() { return GeometryCodec.encode(geometry, srid); }

    /** The geometry in its SRS's axis order (for WKT/WKB output): swapped for geographic SRSs. */
    public Geometry srsOrder() { return geographic() ? swapAxes(geometry) : geometry; }

    /** A value read in its SRS's axis order (WKT/WKB input), stored in internal order. */
    public static Geo fromSrsOrder(long srid, Geometry g) {
        return new Geo(srid, Srs.geographic(srid) ? swapAxes(g) : g);
    }

    public static Geometry swapAxes(Geometry g) {
        Geometry c = g.copy();
        c.apply(new org.locationtech.jts.geom.CoordinateSequenceFilter() {
            @Override
            public void filter(org.locationtech.jts.geom.CoordinateSequence seq, int i) {
                double x = seq.getX(i);
                seq.setOrdinate(i, 0, seq.getY(i));
                seq.setOrdinate(i, 1, x);
            }

            @Override public boolean isDone() { return false; }

            @Override public boolean isGeometryChanged() { return true; }
        });
        return c;
    }
}
