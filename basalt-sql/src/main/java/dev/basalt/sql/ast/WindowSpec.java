package dev.basalt.sql.ast;

import java.util.List;

/**
 * A window specification: {@code OVER w}, {@code OVER ([w] [PARTITION BY ...] [ORDER BY ...] [frame])}
 * or the body of {@code WINDOW w AS (...)}.
 * @param reference the window this one builds on (OVER w, OVER (w ORDER BY ...)), null when none
 * @param partitionBy empty when absent
 * @param orderBy empty when absent
 * @param frame null when absent (the default frame depends on ORDER BY)
 * @param nameOnly true for {@code OVER w}: the window w itself, where {@code OVER (w)} is a new
 *                 window refining w (and may not refine one that has a frame)
 */
public record WindowSpec(String reference, List<Expression> partitionBy, List<OrderItem> orderBy, WindowFrame frame,
                         boolean nameOnly) {
}
