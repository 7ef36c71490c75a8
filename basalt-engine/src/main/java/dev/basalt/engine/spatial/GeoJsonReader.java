package dev.basalt.engine.spatial;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ST_GeomFromGeoJSON: a small JSON reader (objects, arrays, strings, numbers, literals) and the
 * GeoJSON geometry objects (Feature and FeatureCollection are read for their geometries).
 * Coordinates are longitude first, which is the internal order for geographic SRSs too.
 */
public final class GeoJsonReader {
    private final String text;
    private final String function;
    private int pos;

    private GeoJsonReader(String text, String function) {
        this.text = text;
        this.function = function.toLowerCase(Locale.ROOT);
    }

    public static Geometry read(String json, String function) {
        GeoJsonReader r = new GeoJsonReader(json, function);
        Object v;
        try {
            v = r.value();
            r.skipSpace();
            if (r.pos != json.length()) throw r.invalidJson();
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            throw r.invalidJson();
        }
        if (!(v instanceof Map<?, ?> m)) throw r.unspecified();
        Geometry g = r.geometry(m);
        if (!GeometryCodec.wellFormed(g)) throw r.unspecified();
        return g;
    }

    // ---- GeoJSON -------------------------------------------------------------------------------

    private Geometry geometry(Map<?, ?> m) {
        String type = string(m, "type");
        var f = Geo.FACTORY;
        return switch (type) {
            case "Point" -> point(coordinates(m));
            case "LineString" -> line(coordinates(m));
            case "Polygon" -> polygon(coordinates(m));
            case "MultiPoint" -> f.createMultiPoint(list(coordinates(m)).stream().map(this::point).toArray(Point[]::new));
            case "MultiLineString" -> f.createMultiLineString(list(coordinates(m)).stream().map(this::line).toArray(LineString[]::new));
            case "MultiPolygon" -> f.createMultiPolygon(list(coordinates(m)).stream().map(this::polygon).toArray(Polygon[]::new));
            case "GeometryCollection" -> {
                Object gs = member(m, "geometries");
                List<Geometry> out = new ArrayList<>();
                for (Object o : list(gs)) out.add(geometry(object(o)));
                yield f.createGeometryCollection(out.toArray(Geometry[]::new));
            }
            case "Feature" -> {
                Object g = member(m, "geometry");
                yield g == null ? f.createGeometryCollection() : geometry(object(g));
            }
            case "FeatureCollection" -> {
                List<Geometry> out = new ArrayList<>();
                for (Object o : list(member(m, "features"))) {
                    Object g = member(object(o), "geometry");
                    if (g != null) out.add(geometry(object(g)));
                }
                yield f.createGeometryCollection(out.toArray(Geometry[]::new));
            }
            default -> throw unspecified();
        };
    }

    private Object coordinates(Map<?, ?> m) { return member(m, "coordinates"); }

    private Point point(Object o) { return Geo.FACTORY.createPoint(coordinate(o)); }

    private LineString line(Object o) { return Geo.FACTORY.createLineString(coords(o)); }

    private Polygon polygon(Object o) {
        List<?> rings = list(o);
        if (rings.isEmpty()) throw unspecified();
        LinearRing[] rs = new LinearRing[rings.size()];
        try {
            for (int i = 0; i < rs.length; i++) rs[i] = Geo.FACTORY.createLinearRing(coords(rings.get(i)));
        } catch (IllegalArgumentException e) {
            throw unspecified(); // a ring that is not closed
        }
        return Geo.FACTORY.createPolygon(rs[0], java.util.Arrays.copyOfRange(rs, 1, rs.length));
    }

    private Coordinate[] coords(Object o) {
        return list(o).stream().map(this::coordinate).toArray(Coordinate[]::new);
    }

    private Coordinate coordinate(Object o) {
        List<?> xy = list(o);
        if (xy.size() < 2 || !(xy.get(0) instanceof Double x) || !(xy.get(1) instanceof Double y)) throw unspecified();
        return new Coordinate(x, y);
    }

    private Object member(Map<?, ?> m, String name) {
        if (!m.containsKey(name)) throw ErrorCode.ER_INVALID_GEOJSON_MISSING_MEMBER.error(function, name);
        return m.get(name);
    }

    private String string(Map<?, ?> m, String name) {
        if (!(member(m, name) instanceof String s)) throw ErrorCode.ER_INVALID_GEOJSON_WRONG_TYPE.error(function, name, "string");
        return s;
    }

    private List<?> list(Object o) {
        if (o instanceof List<?> l) return l;
        throw unspecified();
    }

    private Map<?, ?> object(Object o) {
        if (o instanceof Map<?, ?> m) return m;
        throw unspecified();
    }

    private SqlException unspecified() { return ErrorCode.ER_INVALID_GEOJSON_UNSPECIFIED.error(function); }

    private SqlException invalidJson() { return ErrorCode.ER_GIS_INVALID_DATA.error(function); }

    // ---- JSON ----------------------------------------------------------------------------------

    private Object value() {
        skipSpace();
        char c = text.charAt(pos);
        if (c == '{') return object();
        if (c == '[') return array();
        if (c == '"') return stringLiteral();
        if (text.startsWith("true", pos)) { pos += 4; return Boolean.TRUE; }
        if (text.startsWith("false", pos)) { pos += 5; return Boolean.FALSE; }
        if (text.startsWith("null", pos)) { pos += 4; return null; }
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) pos++;
        if (start == pos) throw invalidJson();
        return Double.parseDouble(text.substring(start, pos));
    }

    private Map<String, Object> object() {
        Map<String, Object> m = new LinkedHashMap<>();
        pos++;
        skipSpace();
        if (text.charAt(pos) == '}') { pos++; return m; }
        while (true) {
            skipSpace();
            if (text.charAt(pos) != '"') throw invalidJson();
            String k = stringLiteral();
            skipSpace();
            if (text.charAt(pos++) != ':') throw invalidJson();
            m.put(k, value());
            skipSpace();
            char c = text.charAt(pos++);
            if (c == '}') return m;
            if (c != ',') throw invalidJson();
        }
    }

    private List<Object> array() {
        List<Object> l = new ArrayList<>();
        pos++;
        skipSpace();
        if (text.charAt(pos) == ']') { pos++; return l; }
        while (true) {
            l.add(value());
            skipSpace();
            char c = text.charAt(pos++);
            if (c == ']') return l;
            if (c != ',') throw invalidJson();
        }
    }

    private String stringLiteral() {
        StringBuilder b = new StringBuilder();
        pos++;
        while (true) {
            char c = text.charAt(pos++);
            if (c == '"') return b.toString();
            if (c == '\\') {
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> { b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16)); pos += 4; }
                    default -> b.append(e);
                }
            } else {
                b.append(c);
            }
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }
}
