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

    /** Geographic SRSs have latitude-longitude axes and ellipsoidal math. */
    public static boolean geographic(long srid) {
        return srid == WGS84;
    }
}
