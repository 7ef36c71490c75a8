/**
 * Byte encodings of SQL values for the key-value level of the storage SPI.
 *
 * <h2>Keyspace layout</h2>
 * Every key starts with a one-byte namespace:
 * <pre>
 *   0x00 | meta key ...                                  catalog and counters (see {@link dev.basalt.engine.storage.codec.Keyspace})
 *        0x00 'D' | db name (UTF-8)                       -> DatabaseDef
 *        0x00 'N' | db name | 0x00 | table/view name      -> object id (4 bytes BE) + kind byte (name reservation)
 *        0x00 'T' | tableId (4 bytes BE)                  -> TableDef
 *        0x00 'V' | db name | 0x00 | view name            -> ViewDef
 *        0x00 'C' | counter name (UTF-8)                  -> 8-byte BE id allocator (table ids, index ids)
 *        0x00 'A' | tableId                               -> 8-byte BE next AUTO_INCREMENT value (blind write)
 *        0x00 'R' | tableId                               -> 8-byte BE next hidden row id (blind write)
 *        0x00 'X' | gid (UTF-8)                           -> 'c' / 'a': a local+remote two-phase commit's decision
 *                                                          ({@link dev.basalt.engine.external.LocalDecisions})
 *   0x01 | tableId (4 bytes BE) | PK key                  -> row ({@link dev.basalt.engine.storage.codec.RowCodec})
 *   0x02 | indexId (4 bytes BE) | index columns | PK key  -> empty            (non-unique index)
 *   0x02 | indexId (4 bytes BE) | index columns           -> PK key bytes     (unique index, no NULL part)
 *   0x02 | indexId (4 bytes BE) | index columns | PK key  -> PK key bytes     (unique index, some part NULL:
 *                                                          MySQL allows many NULLs, so the PK keeps it unique)
 *   0x02 | indexId (4 bytes BE)                           -> 0x01  (FULLTEXT index: its entries are complete)
 *   0x02 | indexId | word (UTF-8) | 0x00 | PK key         -> count (4 bytes BE)   (FULLTEXT, table.FulltextEntries)
 *   0x02 | indexId | width class (2 bytes) | minX (8) | PK key -> minX, minY, maxX, maxY (SPATIAL, table.SpatialEntries)
 * </pre>
 * "PK key" is the order-preserving encoding ({@link dev.basalt.engine.storage.codec.KeyCodec}) of
 * the primary key columns, or, for a table without a PRIMARY KEY, a hidden row id as 8 bytes
 * big-endian allocated from the per-table counter.
 *
 * <h2>Key encoding</h2>
 * Each value is self-delimiting and starts with a tag byte; NULL is tag 0x00 and sorts first.
 * Unsigned lexicographic order of encoded tuples equals SQL order of the tuples, so a range of SQL
 * values is a range of keys, and a tuple prefix is a key prefix. A DESC key part is the bitwise
 * complement of the ascending encoding (NULLs then sort last, as in MySQL).
 */
package dev.basalt.engine.storage.codec;
