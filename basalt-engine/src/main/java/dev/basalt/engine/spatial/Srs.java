package dev.basalt.engine.spatial;

/**
 * The spatial reference systems Basalt knows. MySQL 8 ships some 5000 of them; Basalt knows the
 * Cartesian SRID 0, WGS 84 (4326, geographic) and Web Mercator (3857, projected = Cartesian math).
 * Any other SRID is "not found" (3548), which is what MySQL says for SRIDs missing from its catalog.
 */
public final class Srs {
    private Srs() {}

    public static final int WGS84 = 4326;

    public static boolean known(long srid) {
        return srid == 0 || srid == WGS84 || srid == 3857;
    }

    /** The SRS's name as MySQL 8's catalog (ST_SPATIAL_REFERENCE_SYSTEMS) has it; null when not known. */
    public static String name(long srid) {
        if (srid == 0) return "";
        if (srid == WGS84) return "WGS 84";
        if (srid == 3857) return "WGS 84 / Pseudo-Mercator";
        return null;
    }

    /** The SRIDs Basalt knows, in order. */
    public static final java.util.List<Long> ALL = java.util.List.of(0L, 3857L, (long) WGS84);

    private static final String WGS84_GEOGCS = "GEOGCS[\"WGS 84\",DATUM[\"World Geodetic System 1984\","
            + "SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],"
            + "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.017453292519943278,"
            + "AUTHORITY[\"EPSG\",\"9122\"]],AXIS[\"Lat\",NORTH],AXIS[\"Lon\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]";

    /**
     * The SRS's WKT definition as MySQL 8's catalog holds it (the EPSG data set's, in OGC 12-063r5
     * form; latitude first for 4326); empty for SRID 0, the unitless Cartesian plane that is no
     * EPSG system; null when not known.
     */
    public static String definition(long srid) {
        if (srid == 0) return "";
        if (srid == WGS84) return WGS84_GEOGCS;
        if (srid == 3857) {
            return "PROJCS[\"WGS 84 / Pseudo-Mercator\"," + WGS84_GEOGCS + ",PROJECTION[\"Popular Visualisation Pseudo Mercator\","
                    + "AUTHORITY[\"EPSG\",\"1024\"]],PARAMETER[\"Latitude of natural origin\",0,AUTHORITY[\"EPSG\",\"8801\"]],"
                    + "PARAMETER[\"Longitude of natural origin\",0,AUTHORITY[\"EPSG\",\"8802\"]],"
                    + "PARAMETER[\"False easting\",0,AUTHORITY[\"EPSG\",\"8806\"]],"
                    + "PARAMETER[\"False northing\",0,AUTHORITY[\"EPSG\",\"8807\"]],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],"
                    + "AXIS[\"X\",EAST],AXIS[\"Y\",NORTH],AUTHORITY[\"EPSG\",\"3857\"]]";
        }
        return null;
    }

    /** Geographic SRSs have latitude-longitude axes and ellipsoidal math. */
    public static boolean geographic(long srid) {
        return srid == WGS84;
    }
}
