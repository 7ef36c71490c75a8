package dev.basalt.remote.vdb;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The bound-values part of a virtual database's cache key: equal only for the same values sent the same way. */
class CachedReadsTest {

    @Test
    void boundValuesKeepTheirTypesAndExactText() {
        assertEquals(CachedReads.bound(List.of(1L, "a"), "scan"), CachedReads.bound(List.of(1L, "a"), "scan"));
        assertNotEquals(CachedReads.bound(List.of(1L), "scan"), CachedReads.bound(List.of(new BigDecimal("1")), "scan"));
        assertNotEquals(CachedReads.bound(List.of(new BigDecimal("1.0")), "s"), CachedReads.bound(List.of(new BigDecimal("1.00")), "s"));
        assertNotEquals(CachedReads.bound(List.of("1"), "s"), CachedReads.bound(List.of(1L), "s"));
        // a string holding the separator cannot pass for two values
        assertNotEquals(CachedReads.bound(List.of("a\u0000S1:b"), "s"), CachedReads.bound(List.of("a", "b"), "s"));
        assertNotEquals(CachedReads.bound(Arrays.asList((Object) null), "s"), CachedReads.bound(List.of("N"), "s"));
        assertNotEquals(CachedReads.bound(List.of(new byte[] {1}), "s"), CachedReads.bound(List.of("01"), "s"));
        assertNotEquals(CachedReads.bound(List.of(), "scan,a INT"), CachedReads.bound(List.of(), "scan,a BIGINT"));
    }
}
