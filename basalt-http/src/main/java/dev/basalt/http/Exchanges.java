package dev.basalt.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.basalt.engine.api.ErrorCode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Reading request bodies within the size limit and writing JSON answers. */
final class Exchanges {

    /** The X-Requested-With value the web console's requests carry. */
    static final String CONSOLE = "basalt-console";

    private Exchanges() {}

    /** The body as a JSON object; 413 past {@code limit} bytes, 400 when it is not a JSON object. */
    static JsonNode readJsonObject(HttpExchange ex, ObjectMapper mapper, long limit) throws IOException {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > limit) throw tooLarge(limit);
            } catch (NumberFormatException e) {
                throw ApiError.http(400, ErrorCode.ER_WRONG_ARGUMENTS, "Invalid Content-Length");
            }
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try (InputStream in = ex.getRequestBody()) {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                if (buffer.size() + n > limit) throw tooLarge(limit);
                buffer.write(chunk, 0, n);
            }
        }
        if (buffer.size() == 0) return mapper.createObjectNode();
        JsonNode node;
        try {
            node = mapper.readTree(buffer.toByteArray());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiError.http(400, ErrorCode.ER_INVALID_JSON_TEXT_IN_PARAM, "Invalid JSON in the request body: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) throw ApiError.http(400, ErrorCode.ER_WRONG_ARGUMENTS, "The request body must be a JSON object");
        return node;
    }

    private static ApiError tooLarge(long limit) {
        return ApiError.http(413, ErrorCode.ER_NET_PACKET_TOO_LARGE, "Got a packet bigger than 'max_allowed_packet' bytes (the request "
                + "body limit is " + limit + " bytes)");
    }

    static void sendJson(HttpExchange ex, int status, byte[] json) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, json.length == 0 ? -1 : json.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(json);
        }
    }

    static void sendError(HttpExchange ex, ObjectMapper mapper, ApiError e) throws IOException {
        // the web console asks for the password itself: no browser pop-up for its requests
        boolean console = CONSOLE.equals(ex.getRequestHeaders().getFirst("X-Requested-With"));
        if (e.status() == 401 && !console) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"basalt\", charset=\"UTF-8\"");
        }
        sendJson(ex, e.status(), errorJson(mapper, e));
    }

    static byte[] errorJson(ObjectMapper mapper, ApiError e) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            writeError(g, e);
        }
        return out.toByteArray();
    }

    /** {@code {"error": {...}}} as one value. */
    static void writeError(JsonGenerator g, ApiError e) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("error");
        g.writeNumberField("code", e.code());
        g.writeStringField("sqlstate", e.sqlState());
        g.writeStringField("message", e.getMessage());
        if (e.statementIndex() >= 0) g.writeNumberField("statementIndex", e.statementIndex());
        g.writeEndObject();
        g.writeEndObject();
    }
}
