package org.yimatong.adapters.soapmd5;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The JDK's DOM parser with XXE shut: no DOCTYPE at all (so no external entities and no entity expansion), no
 * XInclude, no external schemas or stylesheets, and elements nested at most {@value #MAX_DEPTH} deep.
 */
public final class SecureXml {

    /** Deepest element nesting accepted; a SOAP answer of any dialect here needs fewer than ten levels. */
    static final int MAX_DEPTH = 64;

    private static final DocumentBuilderFactory FACTORY = factory();

    private SecureXml() {
    }

    public static Document parse(byte[] xml) throws IOException {
        return parse(new InputSource(new ByteArrayInputStream(xml)));
    }

    public static Document parse(String xml) throws IOException {
        return parse(new InputSource(new StringReader(xml)));
    }

    private static Document parse(InputSource source) throws IOException {
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.ErrorHandler() {
                @Override
                public void warning(org.xml.sax.SAXParseException e) {
                }

                @Override
                public void error(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder.parse(source);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not well-formed XML without DOCTYPE", e);
        }
    }

    /** The text of the only child element of {@code parent} named {@code localName}, or null. */
    public static String childText(Element parent, String localName) {
        Element child = child(parent, localName);
        return child == null ? null : child.getTextContent().strip();
    }

    /** The first child element named {@code localName} (any namespace), or null. */
    public static Element child(Element parent, String localName) {
        for (Node n = parent == null ? null : parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(localNameOf(e))) {
                return e;
            }
        }
        return null;
    }

    public static String localNameOf(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }

    /** {@code text} escaped for element content and attribute values. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            // DOM's getTextContent() recurses once per level: a deeper document would overflow the stack
            f.setAttribute("jdk.xml.maxElementDepth", Integer.toString(MAX_DEPTH));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be secured", e);
        }
        f.setNamespaceAware(true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        return f;
    }
}
