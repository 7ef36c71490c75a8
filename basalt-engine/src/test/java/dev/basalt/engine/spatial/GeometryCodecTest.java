package dev.basalt.engine.spatial;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.types.TypeKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.*;

/** The internal format, WKT spelling and the column checks, without a server. */
class GeometryCodecTest {

    @Test
    void internalFormatIsSridThenLittleEndianWkb() {
        byte[] b = new Geo(4326, WktFormat.parse("POINT(1 2)", "t")).bytes();
        assertEquals("E6100000" + "0101000000000000000000F03F0000000000000040", HexFormat.of().withUpperCase().formatHex(b));
        Geo back = GeometryCodec.decode(b, "t");
        assertEquals(4326, back.srid());
        assertEquals("POINT(1 2)", WktFormat.write(back.geometry()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "POINT(1 2)|POINT(1 2)",
            "point ( 1.50  -2 )|POINT(1.5 -2)",
            "LINESTRING(0 0, 1 1)|LINESTRING(0 0,1 1)",
            "POLYGON((0 0,1 0,1 1,0 0),(0.1 0.1,0.2 0.1,0.2 0.2,0.1 0.1))|POLYGON((0 0,1 0,1 1,0 0),(0.1 0.1,0.2 0.1,0.2 0.2,0.1 0.1))",
            "MULTIPOINT(1 1, 2 2)|MULTIPOINT((1 1),(2 2))",
            "MULTIPOINT((1 1),(2 2))|MULTIPOINT((1 1),(2 2))",
            "MULTILINESTRING((0 0,1 1),(2 2,3 3))|MULTILINESTRING((0 0,1 1),(2 2,3 3))",
            "MULTIPOLYGON(((0 0,1 0,1 1,0 0)))|MULTIPOLYGON(((0 0,1 0,1 1,0 0)))",
            "GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,1 1))|GEOMCOLLECTION(POINT(1 1),LINESTRING(0 0,1 1))",
            "GEOMCOLLECTION EMPTY|GEOMCOLLECTION EMPTY",
    })
    void wktRoundTripsInMySqlSpelling(String in, String out) {
        assertEquals(out, WktFormat.write(WktFormat.parse(in, "t")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "POINT(1)", "POINT EMPTY", "LINESTRING(0 0)", "POLYGON((0 0,1 0,1 1))", "POINT Z(1 2 3)",
            "CIRCLE(1 2)", "POINT(1 2) x"})
    void invalidWktIs3037(String wkt) {
        SqlException e = assertThrows(SqlException.class, () -> WktFormat.parse(wkt, "ST_GEOMFROMTEXT"));
        assertEquals(3037, e.errorCode());
        assertTrue(e.getMessage().contains("st_geomfromtext"), e.getMessage());
    }

    @Test
    void garbageBytesAre3037() {
        assertEquals(3037, assertThrows(SqlException.class, () -> GeometryCodec.decode(new byte[] {1, 2, 3}, "f")).errorCode());
        assertEquals(3037, assertThrows(SqlException.class, () -> GeometryCodec.decode("not a geometry", "f")).errorCode());
    }

    @ParameterizedTest
    @CsvSource({"0,0", "1,1", "-2.5,-2.5", "0.1,0.1", "100000,100000", "1.0E300,1e300"})
    void numbersAreShortest(double d, String text) {
        assertEquals(text, WktFormat.number(d));
    }

    @Test
    void columnChecksTypeAndSrid() {
        var pointSrid0 = SpatialTypes.columnType(TypeKind.POINT, 0L);
        byte[] line = new Geo(0, WktFormat.parse("LINESTRING(0 0,1 1)", "t")).bytes();
        byte[] geographic = new Geo(4326, WktFormat.parse("POINT(1 1)", "t")).bytes();
        assertEquals(1416, assertThrows(SqlException.class, () -> GeometryColumns.assign(line, pointSrid0, "p")).errorCode());
        assertEquals(3643, assertThrows(SqlException.class, () -> GeometryColumns.assign(geographic, pointSrid0, "p")).errorCode());
        assertEquals(3548, assertThrows(SqlException.class, () -> SpatialTypes.columnType(TypeKind.POINT, 1234L)).errorCode());
        assertEquals("geomcollection", SpatialTypes.typeName(TypeKind.GEOMETRYCOLLECTION));
    }
}
