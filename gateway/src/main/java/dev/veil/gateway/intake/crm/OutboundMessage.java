package dev.veil.gateway.intake.crm;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.core.GatewayException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A Salesforce Outbound Message: the SOAP {@code notifications} call with the organization id and
 * up to 100 {@code Notification}s, each an id and one record ({@code sObject}) of flat fields.
 * Parsed with StAX, safely: no DTD, no external entities, bounded depth, counts and field sizes.
 */
public record OutboundMessage(String organizationId, List<Notification> notifications) {

    /** Most notifications Salesforce puts into one message. */
    public static final int MAX_NOTIFICATIONS = 100;
    /** Most fields read per record. */
    public static final int MAX_FIELDS = 500;
    /** Longest field value read, in characters (rich text bodies reach 131,072). */
    public static final int MAX_VALUE_LENGTH = 131_072;
    private static final int MAX_DEPTH = 16;
    private static final String OUTBOUND_NS = "http://soap.sforce.com/2005/09/outbound";
    private static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

    /** The answer Salesforce expects: without it, it retries the message for up to 24 hours. */
    public static final String ACK = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">\n"
            + " <soapenv:Body>\n"
            + "  <notificationsResponse xmlns=\"" + OUTBOUND_NS + "\">\n"
            + "   <Ack>true</Ack>\n"
            + "  </notificationsResponse>\n"
            + " </soapenv:Body>\n"
            + "</soapenv:Envelope>\n";

    public OutboundMessage {
        requireNonNull(organizationId, "organizationId");
        notifications = List.copyOf(notifications);
    }

    /** One notification: its id (the same on every redelivery), the record's type ({@code Case}, ...), and its fields. */
    public record Notification(String id, String type, Map<String, String> fields) {
        public Notification {
            requireNonNull(id, "id");
            requireNonNull(type, "type");
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /**
     * Reads a SOAP body.
     *
     * @throws GatewayException {@code invalid_ticket} naming what is wrong (never a value)
     */
    public static OutboundMessage parse(byte[] xml) {
        requireNonNull(xml, "xml");
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        try {
            XMLStreamReader in = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
            try {
                return read(in);
            } finally {
                in.close();
            }
        } catch (XMLStreamException e) {
            throw invalid("not a well-formed SOAP message (or one with a DTD)");
        }
    }

    private static OutboundMessage read(XMLStreamReader in) throws XMLStreamException {
        String organization = null;
        List<Notification> notifications = new ArrayList<>();
        boolean sawNotifications = false;
        int depth = 0;
        while (in.hasNext()) {
            int event = in.next();
            if (event == XMLStreamConstants.DTD) {
                throw invalid("a DTD (expected: none in a SOAP message)");
            }
            if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw invalid("an entity reference (expected: none)");
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            if (++depth > MAX_DEPTH) {
                throw invalid("nested deeper than " + MAX_DEPTH + " elements");
            }
            String name = in.getLocalName();
            if (name.equals("notifications") && OUTBOUND_NS.equals(in.getNamespaceURI())) {
                sawNotifications = true;
            } else if (sawNotifications && name.equals("OrganizationId") && organization == null) {
                organization = text(in);
                depth--;
            } else if (sawNotifications && name.equals("Notification")) {
                if (notifications.size() == MAX_NOTIFICATIONS) {
                    throw invalid("more than " + MAX_NOTIFICATIONS + " notifications");
                }
                notifications.add(notification(in));
                depth--;
            }
        }
        if (!sawNotifications || organization == null) {
            throw invalid("no notifications element with an OrganizationId (expected: a Salesforce Outbound Message)");
        }
        return new OutboundMessage(organization, notifications);
    }

    /** Reads one {@code Notification} element up to its end. */
    private static Notification notification(XMLStreamReader in) throws XMLStreamException {
        String id = null;
        String type = null;
        Map<String, String> fields = new LinkedHashMap<>();
        int depth = 1;
        while (depth > 0) {
            int event = in.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                String name = in.getLocalName();
                if (depth == 1 && name.equals("Id")) {
                    id = text(in);
                } else if (depth == 1 && name.equals("sObject")) {
                    String xsiType = in.getAttributeValue(XSI_NS, "type");
                    type = xsiType == null ? "" : xsiType.substring(xsiType.indexOf(':') + 1);
                    readFields(in, fields);
                } else {
                    skip(in);
                }
            }
        }
        if (id == null || id.isEmpty() || type == null || type.isEmpty()) {
            throw invalid("a Notification without an Id or a typed sObject");
        }
        return new Notification(id, type, fields);
    }

    private static void readFields(XMLStreamReader in, Map<String, String> fields) throws XMLStreamException {
        while (true) {
            int event = in.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                return;
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = in.getLocalName();
                boolean nil = "true".equals(in.getAttributeValue(XSI_NS, "nil"));
                String value = text(in);
                if (fields.size() == MAX_FIELDS) {
                    throw invalid("a record with more than " + MAX_FIELDS + " fields");
                }
                if (!nil) {
                    fields.put(name, value);
                }
            }
        }
    }

    /** The text of a leaf element, ending on its end tag; an element with children is refused. */
    private static String text(XMLStreamReader in) throws XMLStreamException {
        StringBuilder out = new StringBuilder();
        while (true) {
            int event = in.next();
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA || event == XMLStreamConstants.SPACE) {
                if (out.length() + in.getTextLength() > MAX_VALUE_LENGTH) {
                    throw invalid("a field longer than " + MAX_VALUE_LENGTH + " characters");
                }
                out.append(in.getTextCharacters(), in.getTextStart(), in.getTextLength());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                return out.toString();
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                throw invalid("a field with child elements (expected: flat sObject fields)");
            } else if (event == XMLStreamConstants.ENTITY_REFERENCE || event == XMLStreamConstants.DTD) {
                throw invalid("an entity reference (expected: none)");
            }
        }
    }

    private static void skip(XMLStreamReader in) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = in.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (++depth > MAX_DEPTH) {
                    throw invalid("nested deeper than " + MAX_DEPTH + " elements");
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private static GatewayException invalid(String what) {
        return new GatewayException(GatewayException.INVALID_TICKET, "Outbound Message: " + what);
    }

    /** For tests and {@code veil crm test}: the UTF-8 bytes of a string. */
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
