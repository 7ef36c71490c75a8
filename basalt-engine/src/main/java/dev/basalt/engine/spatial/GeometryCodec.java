package dev.basalt.engine.spatial;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;


/**
 * MySQL's internal geometry format: a 4-byte little-endian SRID followed by little-endian 2D WKB.
 * This is what a geometry column stores and what clients receive for a geometry value.
 */
public final class GeometryCodec {
    private GeometryCodec() {}

    public static byte[] encode(Geometry g, long srid) {
        byte[] wkb = wkb(g);
        byte[] out = new byte[wkb.length + 4];
        int s = (int) srid;
        out[0] = (byte) s;
        out[1] = (byte) (s >>> 8);
        out[2] = (byte) (s >>> 16);
        out[3] = (byte) (s >>> 24);
        System.arraycopy(wkb, 0, out, 4, wkb.length);
        return out;
    }

    /** Standard little-endian 2D WKB (ST_AsBinary). */
    public static byte[] wkb(Geometry g) {
        return new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN).write(g);
    }

    /** Decodes a geometry argument; anything that is not a geometry is 3037 naming the function. */
    public static Geo decode(Object value, String function) {
        byte[] b = bytesOf(value);
        if (b == null || b.length < 4 + 5) throw invalid(function);
        long srid = (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16 | (b[3] & 0xFFL) << 24;
        byte[] wkb = new byte[b.length - 4];
        System.arraycopy(b, 4, wkb, 0, wkb.length);
        return new Geo(srid, parseWkb(wkb, function));
    }

    /** Reads plain WKB (ST_GeomFromWKB); trailing bytes or 3D/measured geometries are invalid data. */
    public static Geometry parseWkb(byte[] wkb, String function) {
        try {
            if (wkb.length < 5) throw invalid(function);
            int type = (int) (wkb[0] == 1
                    ? (wkb[1] & 0xFFL) | (wkb[2] & 0xFFL) << 8 | (wkb[3] & 0xFFL) << 16 | (wkb[4] & 0xFFL) << 24
                    : (wkb[4] & 0xFFL) | (wkb[3] & 0xFFL) << 8 | (wkb[2] & 0xFFL) << 16 | (wkb[1] & 0xFFL) << 24);
            if (type < 1 || type > 7 || (wkb[0] != 0 && wkb[0] != 1)) throw invalid(function);
            Geometry g = new WKBReader(Geo.FACTORY).read(wkb);
            if (!wellFormed(g) || wkb(g).length != wkb.length) throw invalid(function);
            return g;
        } catch (ParseException | RuntimeException e) {
            if (e instanceof SqlException se) throw se;
            throw invalid(function);
        }
    }

    /** MySQL's geometry rules JTS does not check: no empty points, lines of 2+ points, closed rings of 4+. */
    static boolean wellFormed(Geometry g) {
        return switch (g) {
            case Point p -> !p.isEmpty() && Double.isFinite(p.getX()) && Double.isFinite(p.getY());
            case LineString l -> l.getNumPoints() >= 2;
            case Polygon p -> !p.isEmpty();
            case MultiPoint m -> !m.isEmpty() && children(m);
            case MultiLineString m -> !m.isEmpty() && children(m);
            case MultiPolygon m -> !m.isEmpty() && children(m);
            case GeometryCollection c -> children(c);
            default -> false;
        };
    }

    private static boolean children(Geometry g) {
        for (int i = 0; i < g.getNumGeometries(); i++) if (!wellFormed(g.getGeometryN(i))) return false;
        return true;
    }

    static byte[] bytesOf(Object value) {
        return switch (value) {
            case byte[] b -> b;
            case String s -> dev.basalt.engine.types.SqlText.toBytes(s); // bytes travel in Strings as SqlText encodes them
            default -> null;
        };
    }

    public static SqlException invalid(String function) {
        return ErrorCode.ER_GIS_INVALID_DATA.error(function.toLowerCase(java.util.Locale.ROOT));
    }
}
