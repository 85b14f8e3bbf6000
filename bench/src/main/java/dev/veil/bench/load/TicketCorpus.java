package dev.veil.bench.load;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.veil.tokenizer.token.Luhn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates realistic support tickets for the load benchmark: the example Zendesk, Salesforce and
 * Freshdesk tickets as skeletons, their comment lists refilled with generated customer and agent
 * messages in English or Spanish until the ticket reaches its target size, with about six PII
 * values (names, emails, phone numbers, cards that pass Luhn, IBANs, addresses, dates of birth) per
 * 4 KB. Deterministic for a seed; every ticket gets its own CRM id.
 */
public final class TicketCorpus {

    /** A CRM's ticket shape: the example it starts from and where its id and comments are. */
    public enum Shape {
        ZENDESK("acme", "zendesk", "/ticket/id", "/ticket/comments"),
        SALESFORCE("globex", "salesforce", "/Id", "/CaseComments/records"),
        FRESHDESK("initech", "freshdesk", "/id", "/conversations");

        private final String brand;
        private final String example;
        private final JsonPointer id;
        private final JsonPointer comments;

        Shape(String brand, String example, String id, String comments) {
            this.brand = brand;
            this.example = example;
            this.id = JsonPointer.compile(id);
            this.comments = JsonPointer.compile(comments);
        }

        /** The example brand whose policy reads this shape. */
        public String brand() {
            return brand;
        }

        /** The JSON Pointer of the CRM's ticket id, as the brand's {@code crm.ticketId}. */
        public String idPointer() {
            return id.toString();
        }

        /** The JSON Pointer of the comment list, as the brand's {@code crm.comments}. */
        public String commentsPointer() {
            return comments.toString();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String[] FIRST = {"Dana", "Marcus", "Priya", "Lucía", "Javier", "Sam", "Olivia", "Carmen", "Noah", "Aisha", "Pablo", "Grace"};
    private static final String[] LAST = {"Whitfield", "Chen", "Okafor", "García", "Fernández", "Martínez", "Nakamura", "Schmidt", "López", "Brennan"};
    private static final String[] STREET_EN = {"Evergreen Terrace", "Maple Avenue", "Oak Street", "Baker Street", "Sunset Boulevard", "Elm Road"};
    private static final String[] CITY_EN = {"Springfield, OR 97403", "Austin, TX 78701", "Denver, CO 80202", "Portland, ME 04101"};
    private static final String[] STREET_ES = {"Calle Mayor", "Avenida de la Constitución", "Calle de Alcalá", "Paseo de Gracia", "Calle Serrano"};
    private static final String[] CITY_ES = {"28013 Madrid", "08007 Barcelona", "41001 Sevilla", "46002 Valencia"};
    private static final String[] FILLER_EN = {
        "I have been waiting for an update on this for several days now and nobody has answered my last two emails.",
        "The order page still says the package is in transit, but the courier told me it was delivered yesterday.",
        "Could you please check what happened with the refund, because I cannot see it in my statement yet.",
        "Thanks for looking into this, I appreciate the quick reply from your team earlier this week.",
        "Internal note: the customer was verified on the phone and the warehouse confirmed the return was received.",
        "We have escalated this to the billing team and will get back to you within two business days.",
    };
    private static final String[] FILLER_ES = {
        "Llevo varios días esperando una respuesta y nadie ha contestado a mis dos últimos correos.",
        "La página del pedido sigue diciendo que el paquete está en tránsito, pero el repartidor dice que lo entregó ayer.",
        "¿Podéis revisar qué ha pasado con el reembolso? Todavía no lo veo en mi extracto.",
        "Gracias por revisarlo, agradezco la respuesta rápida de vuestro equipo a principios de semana.",
        "Nota interna: se verificó al cliente por teléfono y el almacén confirmó que recibió la devolución.",
        "Hemos escalado el caso al equipo de facturación y os responderemos en dos días laborables.",
    };

    private final Shape shape;
    private final boolean spanish;
    private final JsonNode skeleton;
    private final ObjectNode commentTemplate;
    private final String textField;
    private final SplittableRandom random;

    private TicketCorpus(Shape shape, boolean spanish, JsonNode skeleton, long seed) {
        this.shape = shape;
        this.spanish = spanish;
        this.skeleton = skeleton;
        JsonNode comments = skeleton.at(shape.comments);
        if (!comments.isArray() || comments.isEmpty() || !comments.get(0).isObject()) {
            throw new IllegalArgumentException("example " + shape.example + ": no comment list at " + shape.comments);
        }
        this.commentTemplate = (ObjectNode) comments.get(0);
        this.textField = longestText(commentTemplate);
        this.random = new SplittableRandom(seed);
    }

    /**
     * A generator for one shape and language, reading the example ticket from {@code examples}
     * (the repository's {@code examples/tickets}).
     */
    public static TicketCorpus of(Path examples, Shape shape, boolean spanish, long seed) {
        requireNonNull(examples, "examples");
        requireNonNull(shape, "shape");
        Path file = examples.resolve(shape.example + (spanish ? "-es" : "-en") + ".json");
        try {
            return new TicketCorpus(shape, spanish, JSON.readTree(Files.readAllBytes(file)), seed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The shape this generator writes. */
    public Shape shape() {
        return shape;
    }

    /** {@code en} or {@code es}. */
    public String language() {
        return spanish ? "es" : "en";
    }

    /** Every shape in both languages, in a fixed order (the seed of each derived from {@code seed}). */
    public static List<TicketCorpus> all(Path examples, long seed) {
        return List.of(
                of(examples, Shape.ZENDESK, false, seed), of(examples, Shape.ZENDESK, true, seed + 1),
                of(examples, Shape.SALESFORCE, false, seed + 2), of(examples, Shape.SALESFORCE, true, seed + 3),
                of(examples, Shape.FRESHDESK, false, seed + 4), of(examples, Shape.FRESHDESK, true, seed + 5));
    }

    /**
     * A ticket of about {@code bytes} bytes of compact JSON (never less), with CRM id {@code id}
     * (a number for Zendesk and Freshdesk, Salesforce's 18-character form otherwise).
     */
    public byte[] ticket(long id, int bytes) {
        if (bytes < 256) {
            throw new IllegalArgumentException("bytes: " + bytes + " (expected: >= 256)");
        }
        ObjectNode ticket = skeleton.deepCopy();
        setId(ticket, id);
        ArrayNode comments = (ArrayNode) ticket.at(shape.comments);
        comments.removeAll();
        int size = utf8Length(ticket);
        int n = 0;
        // comment bodies of about 700 bytes carry one PII value each: about six per 4 KB
        while (size < bytes) {
            ObjectNode comment = commentTemplate.deepCopy();
            if (comment.has("id") && comment.get("id").isNumber()) {
                comment.put("id", n + 1);
            }
            String text = message(Math.min(700, Math.max(120, bytes - size)));
            comment.set(textField, TextNode.valueOf(text));
            comments.add(comment);
            size += utf8Length(comment) + 1;
            n++;
        }
        try {
            return JSON.writeValueAsBytes(ticket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int utf8Length(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node).length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void setId(ObjectNode ticket, long id) {
        JsonPointer parent = shape.id.head();
        ObjectNode holder = (ObjectNode) ticket.at(parent);
        String field = shape.id.last().getMatchingProperty();
        if (shape == Shape.SALESFORCE) {
            holder.put(field, String.format("5003X%013d", id));
        } else {
            holder.put(field, id);
        }
    }

    /** About {@code length} characters of filler sentences with one PII value among them. */
    private String message(int length) {
        String[] filler = spanish ? FILLER_ES : FILLER_EN;
        StringBuilder text = new StringBuilder(length + 200);
        int piiAt = random.nextInt(3);
        for (int i = 0; text.length() < length; i++) {
            if (i == piiAt) {
                text.append(pii()).append(' ');
            }
            text.append(filler[random.nextInt(filler.length)]).append(' ');
        }
        return text.toString().trim();
    }

    private String pii() {
        String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
        return switch (random.nextInt(7)) {
            case 0 -> (spanish ? "Mi tarjeta es la " : "My card is ") + card() + ".";
            case 1 -> (spanish ? "Escribidme a " : "Please write to me at ") + email(name) + ".";
            case 2 -> (spanish ? "Llamadme al " : "Call me on ") + phone() + ".";
            case 3 -> (spanish ? "Devolved el dinero a mi IBAN " : "Refund it to my IBAN ") + iban() + ".";
            case 4 -> (spanish ? "Enviadlo a " + address() : "Ship it to " + address()) + ".";
            case 5 -> (spanish ? "Fecha de nacimiento: " : "Date of birth: ") + (1950 + random.nextInt(50)) + "-0"
                    + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + ".";
            default -> (spanish ? "Soy " : "This is ") + name + (spanish ? ", el titular de la cuenta." : ", the account holder.");
        };
    }

    private String card() {
        StringBuilder digits = new StringBuilder(16).append('4');
        for (int i = 1; i < 15; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        digits.append(Luhn.checkDigit(digits));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            out.append(digits.charAt(i));
            if (i % 4 == 3 && i < 15) {
                out.append(' ');
            }
        }
        return out.toString();
    }

    private String email(String name) {
        String local = name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.').replace('í', 'i').replace('á', 'a').replace('é', 'e')
                .replace('ó', 'o').replace('ú', 'u');
        return local + random.nextInt(100) + (spanish ? "@correo.example.es" : "@example.com");
    }

    private String phone() {
        return spanish ? "+34 6" + digits(2) + " " + digits(3) + " " + digits(3) : "+1 (415) 555-01" + digits(2);
    }

    private String iban() {
        // a fixed valid Spanish IBAN shape with a correct mod-97 check for its digits
        String bban = "2100" + "0418" + "45" + digits(10);
        String rearranged = bban + "142800"; // E=14, S=28, then 00
        int mod = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            mod = (mod * 10 + (rearranged.charAt(i) - '0')) % 97;
        }
        int check = 98 - mod;
        String all = "ES" + (check < 10 ? "0" : "") + check + bban;
        return all.replaceAll("(.{4})", "$1 ").trim();
    }

    private String address() {
        if (spanish) {
            return STREET_ES[random.nextInt(STREET_ES.length)] + " " + (1 + random.nextInt(120)) + ", " + CITY_ES[random.nextInt(CITY_ES.length)];
        }
        return (1 + random.nextInt(9000)) + " " + STREET_EN[random.nextInt(STREET_EN.length)] + ", " + CITY_EN[random.nextInt(CITY_EN.length)];
    }

    private String digits(int n) {
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }

    private static String longestText(ObjectNode node) {
        String best = null;
        int length = -1;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isTextual() && e.getValue().textValue().length() > length) {
                best = e.getKey();
                length = e.getValue().textValue().length();
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("the example's first comment has no text field");
        }
        return best;
    }
}
