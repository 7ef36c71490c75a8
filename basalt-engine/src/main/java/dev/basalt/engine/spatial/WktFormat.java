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
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

import java.math.BigDecimal;

/** WKT as MySQL 8 reads and writes it: no space after commas, MULTIPOINT((1 1),(2 2)), shortest numbers. */
public final class WktFormat {
    private WktFormat() {}

    /** Parses WKT; malformed text or MySQL-invalid shapes are 3037 naming the function. */
    public static Geometry parse(String wkt, String function) {
        try {
            String t = wkt.strip();
            // JTS stops after one geometry and reads Z/M; MySQL rejects trailing text and 3D/measured values
            String upper = t.toUpperCase(java.util.Locale.ROOT);
            if (t.isEmpty() || upper.matches(".*\\b(Z|M|ZM)\\s*\\(.*") || !(t.endsWith(")") || upper.endsWith("EMPTY"))
                    || t.chars().filter(c -> c == '(').count() != t.chars().filter(c -> c == ')').count()) {
                throw GeometryCodec.invalid(function);
            }
            WKTReader reader = new WKTReader(Geo.FACTORY);
            reader.setIsOldJtsCoordinateSyntaxAllowed(false);
            Geometry g = reader.read(t.replaceFirst("(?i)^GEOMCOLLECTION", "GEOMETRYCOLLECTION"));
            if (!GeometryCodec.wellFormed(g)) throw GeometryCodec.invalid(function);
            return g;
        } catch (ParseException | RuntimeException e) {
            if (e instanceof dev.basalt.engine.api.SqlException se) throw se;
            throw GeometryCodec.invalid(function);
        }
    }

    public static String write(Geometry g) {
        StringBuilder b = new StringBuilder();
        write(g, b, true);
        return b.toString();
    }

    private static void write(Geometry g, StringBuilder b, boolean tagged) {
        String tag = Geo.typeName(g);
        if (tagged) b.append(tag);
        switch (g) {
            case Point p -> {
                b.append('(');
                coordinate(p.getCoordinate(), b);
                b.append(')');
            }
            case LineString l -> coordinates(l.getCoordinates(), b);
            case Polygon p -> {
                b.append('(');
                coordinates(p.getExteriorRing().getCoordinates(), b);
                for (int i = 0; i < p.getNumInteriorRing(); i++) {
                    b.append(',');
                    coordinates(p.getInteriorRingN(i).getCoordinates(), b);
                }
                b.append(')');
            }
            case MultiPoint m -> parts(m, b, false);
            case MultiLineString m -> parts(m, b, false);
            case MultiPolygon m -> parts(m, b, false);
            case GeometryCollection c -> {
                if (c.isEmpty()) {
                    b.append(" EMPTY");
                    return;
                }
                parts(c, b, true);
            }
            default -> throw new IllegalStateException(g.getGeometryType());
        }
    }

    private static void parts(Geometry g, StringBuilder b, boolean tagged) {
        b.append('(');
        for (int i = 0; i < g.getNumGeometries(); i++) {
            if (i > 0) b.append(',');
            write(g.getGeometryN(i), b, tagged);
        }
        b.append(')');
    }

    private static void coordinates(Coordinate[] cs, StringBuilder b) {
        b.append('(');
        for (int i = 0; i < cs.length; i++) {
            if (i > 0) b.append(',');
            coordinate(cs[i], b);
        }
        b.append(')');
    }

    private static void coordinate(Coordinate c, StringBuilder b) {
        b.append(number(c.getX())).append(' ').append(number(c.getY()));
    }

    /** Shortest round-trip digits without a trailing .0 or an exponent for ordinary magnitudes. */
    public static String number(double d) {
        if (d == 0) return "0";
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        double a = Math.abs(d);
        if (a >= 1e15 || a < 1e-6) return Double.toString(d).replace("E", "e").replace(".0e", "e");
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }
}
