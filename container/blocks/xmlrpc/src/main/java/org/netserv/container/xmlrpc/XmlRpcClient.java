/*
 * XmlRpcClient — the XML-RPC building block (paper §2.4: "Library modules ... like
 * ... XML-RPC"; DESIGN.md §3.3 `notification`): calls a method on an XML-RPC server
 * over HTTP with the JDK's HttpClient; the XML is written and read with the JDK too.
 *
 * Values (XML-RPC spec, xmlrpc.com/spec): Integer <-> i4/int, Boolean <-> boolean,
 * String <-> string, Double <-> double, byte[] <-> base64, java.util.Date <->
 * dateTime.iso8601, Map<String,?> <-> struct, List<?> / Object[] <-> array.
 * A fault response is thrown as XmlRpcException with its faultCode.
 */
package org.netserv.container.xmlrpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

public final class XmlRpcClient {

    /** Largest response read, so a hostile server cannot exhaust the container's heap. */
    public static final int MAX_RESPONSE = 1 << 20;

    private final HttpClient http;
    private final Duration timeout;

    public XmlRpcClient(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** A fault returned by the server. */
    public static final class XmlRpcException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int faultCode;

        public XmlRpcException(int faultCode, String faultString) {
            super("XML-RPC fault " + faultCode + ": " + faultString);
            this.faultCode = faultCode;
        }

        public int faultCode() { return faultCode; }
    }

    /** Calls {@code method} with {@code params} on {@code url}; returns the decoded result. */
    public Object call(URI url, String method, Object... params) throws IOException, InterruptedException {
        if (!method.matches("[A-Za-z0-9_.:/]+")) {
            throw new IllegalArgumentException("bad XML-RPC method name '" + method + "'");
        }
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>")
                .append(method).append("</methodName><params>");
        for (Object p : params) {
            sb.append("<param>");
            value(sb, p);
            sb.append("</param>");
        }
        sb.append("</params></methodCall>");
        HttpRequest req = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(sb.toString(), StandardCharsets.UTF_8)).build();
        HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        if (resp.statusCode() != 200) {
            throw new IOException("XML-RPC call " + method + " to " + url + ": HTTP " + resp.statusCode());
        }
        if (resp.body().length > MAX_RESPONSE) {
            throw new IOException("XML-RPC response larger than " + MAX_RESPONSE + " bytes");
        }
        return parseResponse(resp.body());
    }

    static void value(StringBuilder sb, Object v) {
        sb.append("<value>");
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            sb.append("<int>").append(v).append("</int>");
        } else if (v instanceof Boolean) {
            sb.append("<boolean>").append((Boolean) v ? 1 : 0).append("</boolean>");
        } else if (v instanceof Double || v instanceof Float) {
            sb.append("<double>").append(((Number) v).doubleValue()).append("</double>");
        } else if (v instanceof Long) {
            long l = (Long) v;
            if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("XML-RPC int is 32 bits: " + l);
            }
            sb.append("<int>").append(l).append("</int>");
        } else if (v instanceof String) {
            sb.append("<string>").append(escape((String) v)).append("</string>");
        } else if (v instanceof byte[]) {
            sb.append("<base64>").append(Base64.getEncoder().encodeToString((byte[]) v)).append("</base64>");
        } else if (v instanceof Date) {
            sb.append("<dateTime.iso8601>").append(iso().format((Date) v)).append("</dateTime.iso8601>");
        } else if (v instanceof Map) {
            sb.append("<struct>");
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                sb.append("<member><name>").append(escape(String.valueOf(e.getKey()))).append("</name>");
                value(sb, e.getValue());
                sb.append("</member>");
            }
            sb.append("</struct>");
        } else if (v instanceof List || v instanceof Object[]) {
            List<?> l = v instanceof List ? (List<?>) v : List.of((Object[]) v);
            sb.append("<array><data>");
            for (Object o : l) {
                value(sb, o);
            }
            sb.append("</data></array>");
        } else {
            throw new IllegalArgumentException("no XML-RPC type for " + (v == null ? "null" : v.getClass().getName()));
        }
        sb.append("</value>");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static SimpleDateFormat iso() {
        SimpleDateFormat f = new SimpleDateFormat("yyyyMMdd'T'HH:mm:ss");
        f.setTimeZone(TimeZone.getTimeZone("UTC"));
        return f;
    }

    /** Decodes a methodResponse: its single param, or throws its fault. */
    static Object parseResponse(byte[] xml) throws IOException {
        Document d;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true); // no XXE
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            d = b.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("malformed XML-RPC response: " + e.getMessage(), e);
        }
        Element root = d.getDocumentElement();
        if (!root.getTagName().equals("methodResponse")) {
            throw new IOException("not an XML-RPC methodResponse: <" + root.getTagName() + ">");
        }
        Element fault = child(root, "fault");
        if (fault != null) {
            Object f = decode(child(fault, "value"));
            if (f instanceof Map) {
                Map<?, ?> m = (Map<?, ?>) f;
                Object code = m.get("faultCode");
                throw new XmlRpcException(code instanceof Integer ? (Integer) code : -1, String.valueOf(m.get("faultString")));
            }
            throw new IOException("malformed XML-RPC fault");
        }
        Element params = child(root, "params");
        Element param = params == null ? null : child(params, "param");
        if (param == null) {
            throw new IOException("XML-RPC response without a result");
        }
        return decode(child(param, "value"));
    }

    private static Element child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
                return (Element) n;
            }
        }
        return null;
    }

    private static Element firstElement(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                return (Element) n;
            }
        }
        return null;
    }

    static Object decode(Element value) throws IOException {
        if (value == null) {
            throw new IOException("XML-RPC: missing <value>");
        }
        Element t = firstElement(value);
        if (t == null) {
            return value.getTextContent(); // no type: string
        }
        String text = t.getTextContent().strip();
        try {
            switch (t.getTagName()) {
                case "i4":
                case "int":
                    return Integer.parseInt(text);
                case "boolean":
                    if (!text.equals("0") && !text.equals("1")) {
                        throw new IOException("XML-RPC boolean must be 0 or 1: " + text);
                    }
                    return text.equals("1");
                case "string":
                    return t.getTextContent();
                case "double":
                    return Double.parseDouble(text);
                case "base64":
                    return Base64.getMimeDecoder().decode(text);
                case "dateTime.iso8601":
                    return iso().parse(text);
                case "nil":
                    return null;
                case "struct": {
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (Node n = t.getFirstChild(); n != null; n = n.getNextSibling()) {
                        if (n instanceof Element && ((Element) n).getTagName().equals("member")) {
                            Element name = child((Element) n, "name");
                            if (name == null) {
                                throw new IOException("XML-RPC struct member without a name");
                            }
                            m.put(name.getTextContent(), decode(child((Element) n, "value")));
                        }
                    }
                    return m;
                }
                case "array": {
                    Element data = child(t, "data");
                    List<Object> l = new ArrayList<>();
                    if (data != null) {
                        for (Node n = data.getFirstChild(); n != null; n = n.getNextSibling()) {
                            if (n instanceof Element) {
                                l.add(decode((Element) n));
                            }
                        }
                    }
                    return l;
                }
                default:
                    throw new IOException("unknown XML-RPC type <" + t.getTagName() + ">");
            }
        } catch (NumberFormatException | ParseException e) {
            throw new IOException("bad XML-RPC " + t.getTagName() + " value '" + text + "'", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("bad XML-RPC base64 value", e);
        }
    }
}
