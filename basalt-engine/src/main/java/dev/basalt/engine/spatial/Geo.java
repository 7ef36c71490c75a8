package dev.basalt.engine.spatial;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * A decoded geometry value: its SRID and the JTS geometry. Coordinates are kept in the order they
 * were written (x, y for Cartesian SRSs; latitude, longitude for geographic 4326, as MySQL 8 reads WKT).
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
}
