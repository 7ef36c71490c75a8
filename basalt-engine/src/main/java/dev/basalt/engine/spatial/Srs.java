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

    /** Geographic SRSs have latitude-longitude axes and ellipsoidal math. */
    public static boolean geographic(long srid) {
        return srid == WGS84;
    }
}
