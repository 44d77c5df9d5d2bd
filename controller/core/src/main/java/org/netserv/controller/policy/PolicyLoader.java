package org.netserv.controller.policy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.netserv.ncm.NcmKeys;
import org.netserv.controller.ncm.Ipv4Prefix;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Loads a node policy: XSD validation first (unknown elements, bad addresses, duplicate slot
 * numbers or users are refused with line and column), then the checks a schema cannot express
 * (keys parse, prefixes have no host bits, the container address lies in no other slot's way).
 * No DTDs, no external entities: the policy is security configuration.
 */
public final class PolicyLoader {
    public static final String NS = "urn:netserv:policy:1";
    private static final Schema SCHEMA = loadSchema();

    private PolicyLoader() {
    }

    private static Schema loadSchema() {
        try {
            final SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            sf.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            sf.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            final URL xsd = PolicyLoader.class.getResource("netserv-policy-1.xsd");
            return sf.newSchema(xsd);
        } catch (SAXException e) {
            throw new IllegalStateException("policy schema does not load", e);
        }
    }

    public static Policy load(final Path file) throws PolicyException {
        final Document doc;
        try (InputStream in = Files.newInputStream(file)) {
            final DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setSchema(SCHEMA);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            final DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(final SAXParseException e) {
                }

                @Override
                public void error(final SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(final SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            doc = b.parse(in, file.toUri().toString());
        } catch (SAXParseException e) {
            throw new PolicyException(file + ":" + e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | ParserConfigurationException e) {
            throw new PolicyException(file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new PolicyException(file + ": cannot read: " + e.getMessage(), e);
        }
        try {
            return build(file, doc);
        } catch (IllegalArgumentException e) {   // a number the schema let through but Java cannot hold
            throw new PolicyException(file + ": " + e.getMessage(), e);
        }
    }

    private static Policy build(final Path file, final Document doc) throws PolicyException {
        final Element root = doc.getDocumentElement();
        if (!NS.equals(root.getNamespaceURI()) || !"policy".equals(root.getLocalName())) {
            throw new PolicyException(file + ": root element must be {" + NS + "}policy");
        }
        final Element node = child(root, "node").orElseThrow();
        final String nodeId = node.getAttribute("id");
        final List<String> nodeAddresses = texts(node, "address");
        final List<String> blocks = child(node, "building-blocks").map(PolicyLoader::words).orElse(List.of());
        final List<String> publicProbes = child(node, "public-probes").map(PolicyLoader::words).orElse(List.of("capabilities"));
        for (final String p : publicProbes) {
            if (!List.of("status", "capabilities", "resources").contains(p)) {
                throw new PolicyException(file + ": public-probes: unknown probe " + p + " (status, capabilities, resources)");
            }
        }

        final Optional<Element> replay = child(root, "replay");
        final long window = replay.map(e -> attrLong(e, "window-seconds", 300)).orElse(300L);
        final int nonceCache = (int) Math.min(Integer.MAX_VALUE, replay.map(e -> attrLong(e, "nonce-cache", 65536)).orElse(65536L));
        final long futureSkew = replay.map(e -> attrLong(e, "future-skew-seconds", 30)).orElse(30L);
        final long maxAge = replay.map(e -> attrLong(e, "max-age-seconds", 120)).orElse(120L);
        final long unboundMaxAge = replay.map(e -> attrLong(e, "unbound-max-age-seconds", 30)).orElse(30L);
        final boolean requireBinding = replay.map(e -> List.of("true", "1").contains(e.getAttribute("require-node-binding").strip()))
                .orElse(false);

        final Optional<Element> dl = child(root, "download");
        final Policy.Download download = new Policy.Download(
                optInt(dl, "connect-timeout-ms", 5000),
                optInt(dl, "timeout-ms", 30000),
                optInt(dl, "max-redirects", 3));

        final Optional<Policy.PrefixOwnership> po = child(root, "prefix-ownership").map(e -> new Policy.PrefixOwnership(
                (int) attrLong(e, "port", 80),
                e.hasAttribute("path") ? e.getAttribute("path") : "/.well-known/netserv-proof",
                (int) attrLong(e, "timeout-ms", 3000)));

        final List<Slot> slots = new ArrayList<>();
        for (final Element s : children(root, "slot")) {
            slots.add(slot(file, s, blocks));
        }
        distinctIdentities(file, slots);
        for (final Slot s : slots) {
            if (s.verifyPrefixOwnership() && po.isEmpty()) {
                throw new PolicyException(file + ": slot " + s.number()
                        + " asks for verify-prefix-ownership but the policy has no <prefix-ownership> element");
            }
        }
        return new Policy(file, nodeId, nodeAddresses, blocks, publicProbes, window, nonceCache, futureSkew, maxAge, unboundMaxAge, requireBinding,
                download, po, List.copyOf(slots));
    }

    /**
     * Each slot is its own tenant: a dedicated uid and gid (never root's) that no other slot
     * has, and a sandbox that is neither another slot's nor inside or around one — else one
     * tenant could read, signal or fill another's, or root's.
     */
    private static void distinctIdentities(final Path file, final List<Slot> slots) throws PolicyException {
        for (int i = 0; i < slots.size(); i++) {
            final Slot a = slots.get(i);
            if (a.uid() == 0 || a.gid() == 0) {
                throw new PolicyException(file + ": slot " + a.number() + ": uid/gid 0 (root) is not a container identity");
            }
            final Path sa = a.sandbox().normalize();
            if (sa.getParent() == null) {
                throw new PolicyException(file + ": slot " + a.number() + ": sandbox " + a.sandbox() + " is the root directory");
            }
            for (int j = 0; j < i; j++) {
                final Slot b = slots.get(j);
                if (a.number() == b.number()) {
                    throw new PolicyException(file + ": slot number " + a.number() + " given twice");
                }
                if (a.uid() == b.uid() || a.gid() == b.gid()) {
                    throw new PolicyException(file + ": slots " + b.number() + " and " + a.number() + " share uid/gid "
                            + (a.uid() == b.uid() ? "uid " + a.uid() : "gid " + a.gid()) + ": each slot needs its own");
                }
                final Path sb = b.sandbox().normalize();
                if (sa.startsWith(sb) || sb.startsWith(sa)) {
                    throw new PolicyException(file + ": slots " + b.number() + " and " + a.number() + " share a sandbox ("
                            + sb + ", " + sa + "): each slot needs its own, not nested in another's");
                }
            }
        }
    }

    private static Slot slot(final Path file, final Element s, final List<String> nodeBlocks) throws PolicyException {
        final int number = Integer.parseInt(s.getAttribute("number"));
        final String where = file + ": slot " + number;
        final List<PublicKey> keys = new ArrayList<>();
        final List<String> keyTexts = new ArrayList<>();
        for (final Element k : children(s, "key")) {
            String pem = k.getTextContent().trim();
            if (k.hasAttribute("file")) {
                if (!pem.isEmpty()) {
                    throw new PolicyException(where + ": <key> has both file= and inline PEM");
                }
                final Path kf = file.toAbsolutePath().getParent().resolve(k.getAttribute("file"));
                try {
                    pem = Files.readString(kf, StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    throw new PolicyException(where + ": cannot read key file " + kf + ": " + e.getMessage(), e);
                }
            }
            try {
                final PublicKey pk = NcmKeys.parsePublicPem(pem);
                NcmKeys.algorithmFor(pk);
                keys.add(pk);
                keyTexts.add(pem);
            } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
                throw new PolicyException(where + ": bad key: " + e.getMessage(), e);
            }
        }
        final List<Ipv4Prefix> prefixes = new ArrayList<>();
        for (final String p : texts(s, "prefix")) {
            try {
                prefixes.add(Ipv4Prefix.parse(p));
            } catch (IllegalArgumentException e) {
                throw new PolicyException(where + ": bad prefix " + p + ": " + e.getMessage(), e);
            }
        }
        final List<Integer> ports = child(s, "ports").map(PolicyLoader::words).orElse(List.of())
                .stream().map(Integer::valueOf).toList();
        final Optional<Element> lim = child(s, "limits");
        final Slot.Limits limits = new Slot.Limits(
                optInt(lim, "cpu-shares", 1024),
                optInt(lim, "memory-mb", 256),
                optInt(lim, "pids-max", 256),
                optInt(lim, "disk-mb", 256),
                optInt(lim, "max-modules", 8),
                lim.map(e -> attrLong(e, "max-module-bytes", 16L << 20)).orElse(16L << 20));
        final List<String> blocks = child(s, "building-blocks").map(PolicyLoader::words).orElse(List.of());
        for (final String b : blocks) {
            if (!nodeBlocks.contains(b)) {
                throw new PolicyException(where + ": building block " + b + " is not among the node's building blocks " + nodeBlocks);
            }
        }
        return new Slot(number, text(s, "user"), List.copyOf(keys), List.copyOf(keyTexts),
                Integer.parseInt(text(s, "uid")), Integer.parseInt(text(s, "gid")),
                child(s, "address").map(e -> e.getTextContent().trim()).orElse(""),
                ports, List.copyOf(prefixes), Path.of(text(s, "sandbox")), limits, blocks,
                Boolean.parseBoolean(s.getAttribute("verify-prefix-ownership").trim()));
    }

    private static List<Element> children(final Element e, final String name) {
        final List<Element> l = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && NS.equals(c.getNamespaceURI()) && name.equals(c.getLocalName())) {
                l.add(c);
            }
        }
        return l;
    }

    private static Optional<Element> child(final Element e, final String name) {
        return children(e, name).stream().findFirst();
    }

    private static String text(final Element e, final String name) {
        return child(e, name).map(c -> c.getTextContent().trim()).orElseThrow();
    }

    private static List<String> texts(final Element e, final String name) {
        return children(e, name).stream().map(c -> c.getTextContent().trim()).toList();
    }

    private static List<String> words(final Element e) {
        final String t = e.getTextContent().trim();
        return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
    }

    private static int optInt(final Optional<Element> e, final String name, final int dflt) {
        return e.map(x -> {
            final long v = attrLong(x, name, dflt);
            if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
                throw new IllegalArgumentException(name + "=\"" + v + "\" is out of range");
            }
            return (int) v;
        }).orElse(dflt);
    }

    private static long attrLong(final Element e, final String name, final long dflt) {
        if (!e.hasAttribute(name)) {
            return dflt;
        }
        try {
            return Long.parseLong(e.getAttribute(name).trim());
        } catch (NumberFormatException x) {
            throw new IllegalArgumentException(name + "=\"" + e.getAttribute(name) + "\" is out of range", x);
        }
    }
}
