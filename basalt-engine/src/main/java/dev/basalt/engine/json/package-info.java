/**
 * MySQL 8's JSON data model: parsing JSON text with MySQL's error messages and positions
 * ({@link JsonParser}), printing in MySQL's canonical form ({@link JsonWriter}), path expressions
 * ({@link JsonPath}), comparison and ordering ({@link JsonCompare}) and the conversions between SQL
 * values and JSON values ({@link JsonValues}).
 *
 * <p>A JSON value in memory is a plain Java object: {@link Json#NULL} for JSON null, {@link Boolean},
 * {@link Long}, {@link java.math.BigInteger} (unsigned integers above Long.MAX_VALUE), {@link Double},
 * {@link java.math.BigDecimal} (from SQL DECIMAL), {@link java.time.LocalDate} / {@link java.time.LocalDateTime} /
 * {@link java.time.Duration} (DATE, DATETIME, TIME), {@link String}, {@link java.util.List} (array) and
 * {@link java.util.SortedMap} (object, keys in MySQL's order: by UTF-8 length, then bytes). A JSON
 * column or expression carries its value between operators as the canonical text, so storage,
 * the protocol and everything that treats JSON as text keep working unchanged; {@link Json#parse}
 * recognises text a JSON expression has just printed, so the types text cannot show survive
 * from one JSON function to the next within a statement.
 */
package dev.basalt.engine.json;
