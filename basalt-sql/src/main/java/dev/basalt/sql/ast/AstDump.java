package dev.basalt.sql.ast;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;

/**
 * Renders an AST node as compact canonical text, e.g.
 * {@code BinaryOp{operator=ADD, left=ColumnRef{column='a'}, right=NumberLiteral{text='1', kind=INTEGER}}}.
 * Null fields, false booleans and empty collections are left out so that the dump stays readable
 * and additive AST changes do not disturb existing expectations. For tests and debugging only.
 */
public final class AstDump {
    private AstDump() {
    }

    public static String dump(Object node) {
        StringBuilder out = new StringBuilder();
        append(out, node);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String s -> appendString(out, s);
            case Enum<?> e -> out.append(e.name());
            case Collection<?> c -> {
                out.append('[');
                boolean first = true;
                for (Object item : c) {
                    if (!first) {
                        out.append(", ");
                    }
                    first = false;
                    append(out, item);
                }
                out.append(']');
            }
            case Map<?, ?> m -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) {
                        out.append(", ");
                    }
                    first = false;
                    out.append(e.getKey()).append('=');
                    append(out, e.getValue());
                }
                out.append('}');
            }
            case Record r -> appendRecord(out, r);
            default -> out.append(value);
        }
    }

    private static void appendString(StringBuilder out, String s) {
        out.append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('\'');
    }

    private static void appendRecord(StringBuilder out, Record r) {
        Class<?> type = r.getClass();
        String name = type.getEnclosingClass() != null
                ? type.getEnclosingClass().getSimpleName() + "." + type.getSimpleName()
                : type.getSimpleName();
        out.append(name).append('{');
        boolean first = true;
        for (RecordComponent component : type.getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (value == null || (component.getType() == boolean.class && Boolean.FALSE.equals(value))
                    || (value instanceof Collection<?> c && c.isEmpty())
                    || (value instanceof Map<?, ?> m && m.isEmpty())) {
                continue;
            }
            if (!first) {
                out.append(", ");
            }
            first = false;
            out.append(component.getName()).append('=');
            append(out, value);
        }
        out.append('}');
    }
}
