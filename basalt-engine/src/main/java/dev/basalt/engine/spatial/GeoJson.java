package dev.basalt.engine.spatial;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * ST_AsGeoJSON output as MySQL 8 prints it: {"type": "Point", "coordinates": [1.0, 2.0]}. GeoJSON
 * is longitude first, which is already the internal order of geographic values.
 */
public final class GeoJson {
    private GeoJson() {}

    public static String write(Geo g, int maxDecimals) {
        StringBuilder b = new StringBuilder();
        write(g.geometry(), false, maxDecimals, b);
        return b.toString();
    }

    private static void write(Geometry g, boolean swap, int digits, StringBuilder b) {
        String type = switch (g) {
            case Point p -> "Point";
            case LineString l -> "LineString";
            case Polygon p -> "Polygon";
            case MultiPoint m -> "MultiPoint";
            case MultiLineString m -> "MultiLineString";
            case MultiPolygon m -> "MultiPolygon";
            default -> "GeometryCollection";
        };
        b.append("{\"type\": \"").append(type).append("\", ");
        if (type.equals("GeometryCollection")) {
            b.append("\"geometries\": [");
            for (int i = 0; i < g.getNumGeometries(); i++) {
                if (i > 0) b.append(", ");
                write(g.getGeometryN(i), swap, digits, b);
            }
            b.append("]}");
            return;
        }
        b.append("\"coordinates\": ");
        coordinates(g, swap, digits, b);
        b.append('}');
    }

    private static void coordinates(Geometry g, boolean swap, int digits, StringBuilder b) {
        switch (g) {
            case Point p -> coordinate(p.getCoordinate(), swap, digits, b);
            case LineString l -> list(l.getCoordinates(), swap, digits, b);
            case Polygon p -> {
                b.append('[');
                list(p.getExteriorRing().getCoordinates(), swap, digits, b);
                for (int i = 0; i < p.getNumInteriorRing(); i++) {
                    b.append(", ");
                    list(p.getInteriorRingN(i).getCoordinates(), swap, digits, b);
                }
                b.append(']');
            }
            case GeometryCollection c -> {
                b.append('[');
                for (int i = 0; i < c.getNumGeometries(); i++) {
                    if (i > 0) b.append(", ");
                    coordinates(c.getGeometryN(i), swap, digits, b);
                }
                b.append(']');
            }
            default -> throw new IllegalStateException(g.getGeometryType());
        }
    }

    private static void list(Coordinate[] cs, boolean swap, int digits, StringBuilder b) {
        b.append('[');
        for (int i = 0; i < cs.length; i++) {
            if (i > 0) b.append(", ");
            coordinate(cs[i], swap, digits, b);
        }
        b.append(']');
    }

    private static void coordinate(Coordinate c, boolean swap, int digits, StringBuilder b) {
        b.append('[').append(number(swap ? c.y : c.x, digits)).append(", ").append(number(swap ? c.x : c.y, digits)).append(']');
    }

    /** JSON doubles as MySQL prints them: 1.0, 0.5; rounded to {@code digits} decimals when asked. */
    private static String number(double d, int digits) {
        if (digits < 17) d = new BigDecimal(Double.toString(d)).setScale(digits, RoundingMode.HALF_UP).doubleValue();
        String s = WktFormat.number(d);
        return s.contains(".") || s.contains("e") ? s : s + ".0";
    }
}
