package dev.basalt.engine.spatial;

import dev.basalt.engine.api.ErrorCode;

import java.text.Normalizer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The linear units of measure of the optional unit argument of ST_Distance (MySQL 8.0.14) and
 * ST_Length (8.0.16), and of information_schema.ST_UNITS_OF_MEASURE: MySQL 8's list, each with its
 * length in metres (EPSG's figures). Names are matched as MySQL matches them, under
 * utf8mb4_0900_ai_ci: case and accents do not matter, trailing spaces do (NO PAD).
 */
public final class LengthUnits {
    private LengthUnits() {}

    /** Unit name (MySQL's spelling) to metres per unit, in information_schema order. */
    private static final Map<String, Double> METRES = new LinkedHashMap<>();
    private static final Map<String, Double> BY_KEY = new LinkedHashMap<>();

    static {
        unit("millimetre", 0.001);
        unit("centimetre", 0.01);
        unit("metre", 1);
        unit("foot", 0.3048);
        unit("US survey foot", 0.30480060960121924);
        unit("Clarke's foot", 0.3047972654);
        unit("fathom", 1.8288);
        unit("nautical mile", 1852);
        unit("German legal metre", 1.0000135965);
        unit("US survey chain", 20.11684023368047);
        unit("US survey link", 0.2011684023368047);
        unit("US survey mile", 1609.3472186944375);
        unit("kilometre", 1000);
        unit("Clarke's yard", 0.9143917962);
        unit("Clarke's chain", 20.1166195164);
        unit("Clarke's link", 0.201166195164);
        unit("British yard (Sears 1922)", 0.9143984146160287);
        unit("British foot (Sears 1922)", 0.3047994715386762);
        unit("British chain (Sears 1922)", 20.116765121552632);
        unit("British link (Sears 1922)", 0.2011676512155263);
        unit("British yard (Benoit 1895 A)", 0.9143992);
        unit("British foot (Benoit 1895 A)", 0.3047997333333333);
        unit("British chain (Benoit 1895 A)", 20.1167824);
        unit("British link (Benoit 1895 A)", 0.201167824);
        unit("British yard (Benoit 1895 B)", 0.9143992042898124);
        unit("British foot (Benoit 1895 B)", 0.30479973476327077);
        unit("British chain (Benoit 1895 B)", 20.116782494375872);
        unit("British link (Benoit 1895 B)", 0.2011678249437587);
        unit("British foot (1865)", 0.30480083333333335);
        unit("Indian foot", 0.30479951024814694);
        unit("Indian foot (1937)", 0.30479841);
        unit("Indian foot (1962)", 0.3047996);
        unit("Indian foot (1975)", 0.3047995);
        unit("Indian yard", 0.9143985307444408);
        unit("Indian yard (1937)", 0.91439523);
        unit("Indian yard (1962)", 0.9143988);
        unit("Indian yard (1975)", 0.9143985);
        unit("Statute mile", 1609.344);
        unit("Gold Coast foot", 0.3047997101815088);
        unit("British foot (1936)", 0.3048007491);
        unit("yard", 0.9144);
        unit("chain", 20.1168);
        unit("link", 0.201168);
        unit("British yard (Sears 1922 truncated)", 0.914398);
        unit("British foot (Sears 1922 truncated)", 0.30479933333333337);
        unit("British chain (Sears 1922 truncated)", 20.116756);
        unit("British link (Sears 1922 truncated)", 0.20116756);
    }

    private static void unit(String name, double metres) {
        METRES.put(name, metres);
        BY_KEY.put(key(name), metres);
    }

    /** Every unit, name to metres per unit, in MySQL's order. */
    public static Map<String, Double> all() {
        return Collections.unmodifiableMap(METRES);
    }

    /** Metres per {@code name}, or 3902 ER_UNIT_NOT_FOUND. */
    public static double metres(String name) {
        Double m = BY_KEY.get(key(name));
        if (m == null) throw ErrorCode.ER_UNIT_NOT_FOUND.error(name);
        return m;
    }

    /**
     * A unit for a result in {@code g}'s SRS: SRID 0 has no length unit, so any unit there is 3882
     * ER_GEOMETRY_IN_UNKNOWN_LENGTH_UNIT (every other SRS Basalt knows is in metres).
     */
    public static void check(Geo g, String unit, String function) {
        if (unit != null && g.srid() == 0) {
            throw ErrorCode.ER_GEOMETRY_IN_UNKNOWN_LENGTH_UNIT.error(function.toLowerCase(Locale.ROOT), unit);
        }
    }

    /** A length in metres expressed in {@code unit} (null: no unit argument, metres). */
    public static double convert(double metres, String unit) {
        return unit == null ? metres : metres / metres(unit);
    }

    /** The utf8mb4_0900_ai_ci key of a name: accents and case folded, trailing spaces kept. */
    private static String key(String name) {
        String d = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return d.toLowerCase(Locale.ROOT);
    }
}
