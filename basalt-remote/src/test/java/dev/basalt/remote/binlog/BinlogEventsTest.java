package dev.basalt.remote.binlog;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Cases from {@code binlog/events.txt}: event sequences and the invalidations they must cause. */
class BinlogEventsTest {

    @TestFactory
    Stream<DynamicTest> cases() throws IOException {
        String text;
        try (InputStream in = BinlogEventsTest.class.getResourceAsStream("/binlog/events.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] parts = line.split("=>");
            tests.add(DynamicTest.dynamicTest(line, () -> {
                List<String> calls = new ArrayList<>();
                BinlogEvents events = new BinlogEvents(recorder(calls));
                for (String e : parts[0].split(";")) events.apply(event(e.strip()));
                List<String> expected = new ArrayList<>();
                for (String c : parts[1].split(";")) if (!c.strip().equals("none")) expected.add(c.strip());
                assertEquals(expected, calls);
            }));
        }
        return tests.stream();
    }

    private static Invalidation recorder(List<String> calls) {
        return new Invalidation() {
            @Override public void tables(Set<String> keys) {
                Set<String> shown = new TreeSet<>();
                for (String k : keys) shown.add(k.replace('\0', '.'));
                calls.add("tables " + String.join(",", shown));
            }

            @Override public void all() { calls.add("all"); }

            @Override public void schemaChanged() { calls.add("schema"); }
        };
    }

    private static Event event(String spec) {
        String[] w = spec.split(" ", 3);
        EventHeaderV4 h = new EventHeaderV4();
        EventData data = null;
        switch (w[0]) {
            case "map" -> {
                h.setEventType(EventType.TABLE_MAP);
                TableMapEventData m = new TableMapEventData();
                m.setTableId(Long.parseLong(w[1]));
                m.setDatabase(w[2].substring(0, w[2].indexOf('.')));
                m.setTable(w[2].substring(w[2].indexOf('.') + 1));
                data = m;
            }
            case "rows" -> {
                h.setEventType(EventType.EXT_UPDATE_ROWS);
                data = new RowsTableId(Long.parseLong(w[1]));
            }
            case "query" -> {
                h.setEventType(EventType.QUERY);
                QueryEventData q = new QueryEventData();
                q.setDatabase(w[1].equals("-") ? "" : w[1]);
                q.setSql(w[2]);
                data = q;
            }
            default -> h.setEventType(EventType.valueOf(w[0]));
        }
        return new Event(h, data);
    }
}
