// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A bare HTTP/1.1 client over one socket per request, for requests {@link java.net.http.HttpClient}
 * refuses to send: raw control characters, spaces or non-ASCII bytes in the request line, odd
 * methods, a missing Content-Type. Every read has a timeout, so a server that hangs fails the test
 * instead of blocking it.
 */
final class RawHttp {

    /** The longest one request may take before it counts as a hang (generous: the machine is shared). */
    static final int TIMEOUT_MILLIS = 15_000;

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /**
     * A response as read off the wire.
     *
     * @param status the status code, or -1 when the server closed the connection without one
     * @param headers header names in lower case
     * @param body the body as UTF-8
     */
    record Response(int status, Map<String, String> headers, String body) {

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    /**
     * Sends one request and reads the whole response (the request says {@code Connection: close}).
     *
     * @param method the method, sent as given
     * @param target the request target, sent as UTF-8 bytes as given
     * @param contentType the Content-Type header, or null for none
     * @param body the body, or null for none
     * @param header one more header line, or null
     * @return the response
     * @throws SocketTimeoutException when the server did not answer in time
     */
    Response send(String method, String target, String contentType, byte[] body) throws IOException {
        return send(method, target, contentType, body, null);
    }

    /** {@link #send(String, String, String, byte[])} with one more header line. */
    Response send(String method, String target, String contentType, byte[] body, String header) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            var head = new StringBuilder()
                    .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("User-Agent: ").append(DemoClient.USER_AGENT).append("\r\n")
                    .append("Connection: close\r\n");
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            if (header != null) {
                head.append(header).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException e) {
                // the server may answer (413) and close before it read everything: read what it said
            }
            return read(socket.getInputStream());
        }
    }

    private static Response read(InputStream in) throws IOException {
        byte[] raw;
        try {
            raw = in.readAllBytes();
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            raw = new byte[0];
        }
        // ISO-8859-1 keeps one char per byte, so indexes into the text are indexes into the bytes
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        while (text.startsWith("HTTP/1.1 1") && text.contains("\r\n\r\n")) {
            text = text.substring(text.indexOf("\r\n\r\n") + 4); // an interim answer such as 100 Continue
        }
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            return new Response(-1, Map.of(), new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        var headers = new LinkedHashMap<String, String>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Response(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String unchunk(String chunked) {
        var out = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }
}
