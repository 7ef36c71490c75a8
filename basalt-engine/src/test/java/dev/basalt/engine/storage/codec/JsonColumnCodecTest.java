package dev.basalt.engine.storage.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.engine.json.Json;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSON columns keep MySQL's scalar types in storage (text when the text shows them, else the typed form). */
class JsonColumnCodecTest {
    private static final RowCodec CODEC = new RowCodec(List.of(SqlType.INT, SqlType.of(TypeKind.JSON), SqlType.INT));

    private static Object storedAndRead(String text) {
        Object[] back = CODEC.decode(CODEC.encode(new Object[] {1L, text, 2L}), null);
        assertEquals(2L, back[2], "the column after the document");
        return back[1];
    }

    @Test
    void typedScalarsSurviveStorage() {
        Map<String, Object> doc = Json.newObject();
        doc.put("dec", new BigDecimal("1.50"));
        doc.put("day", LocalDate.of(2024, 1, 2));
        doc.put("ts", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6000));
        doc.put("t", Duration.ofSeconds(-3723));
        doc.put("i", -7L);
        doc.put("u", new BigInteger("18446744073709551615"));
        doc.put("f", 1.5);
        doc.put("a", List.of("x", Json.NULL, true, false, List.of(new BigDecimal("-0.001"))));
        String text = Json.print(doc); // as a JSON expression hands it to INSERT
        String read = (String) storedAndRead(text);
        assertEquals(text, read);
        Object typed = Json.parse(read);
        assertEquals(doc, typed);
        assertEquals("DECIMAL", Json.typeName(((Map<?, ?>) typed).get("dec")));
        assertEquals("TIME", Json.typeName(((Map<?, ?>) typed).get("t")));
        // read again, and written back unchanged (an UPDATE of another column)
        assertEquals(doc, Json.parse((String) storedAndRead(read)));
    }

    @Test
    void plainDocumentsAndOldRowsAreText() {
        String text = "{\"f\": 1.5, \"i\": 1, \"u\": 18446744073709551615}";
        byte[] row = CODEC.encode(new Object[] {1L, text, 2L});
        assertTrue(new String(row, StandardCharsets.UTF_8).contains(text), "stored as its text");
        Object typed = Json.parse((String) storedAndRead(text));
        assertEquals("INTEGER", Json.typeName(((Map<?, ?>) typed).get("i")));
        assertEquals("UNSIGNED INTEGER", Json.typeName(((Map<?, ?>) typed).get("u")));
        assertEquals("DOUBLE", Json.typeName(((Map<?, ?>) typed).get("f")));
        // a row of a STR-coded column (as JSON was stored before) reads the same
        RowCodec before = new RowCodec(List.of(SqlType.INT, SqlType.varchar(100), SqlType.INT));
        assertEquals(text, CODEC.decode(before.encode(new Object[] {1L, text, 2L}), null)[1]);
    }
}
