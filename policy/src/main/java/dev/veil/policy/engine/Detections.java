package dev.veil.policy.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.policy.compile.Scanner;
import dev.veil.tokenizer.detect.Span;
import dev.veil.tokenizer.token.Token;
import dev.veil.tokenizer.token.TokenFormat;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spans each scanner found in each text of one document, so that a text that recurs in the
 * document, or in another view of it, is scanned once: a scanner's spans depend on nothing but the
 * text, so reusing them gives what scanning again would. Likewise the tokens of deterministic
 * formats made for the document's values, whether its member names are clean, the canonical JSON
 * of its objects replaced whole, and the tries its known values are searched with
 * ({@link KnownScans}), shared by the views of one {@link PolicyEngine#applyViews} call. Held by one {@code apply} or
 * {@link PolicyEngine#applyViews} call and dropped with it, never shared between documents (it
 * holds the document's personal data); not thread-safe.
 */
final class Detections {

    // the maps by instance hold a few keys each (a scanner or two, a few token formats), made for
    // every call: sized for that, not for IdentityHashMap's default of 32 keys (a table of 64 slots each)
    private static final int FEW = 4;
    private static final int CLEAN_SLOTS = 32;

    /** By scanner instance (never by equality: another policy's scanner finds other things), then by text. */
    private final Map<Scanner, TextTable<List<Span>>> found = new IdentityHashMap<>(FEW);
    /** Tokens of {@link TokenFormat#deterministic() deterministic} formats made for this document, by format and value. */
    private final Map<TokenFormat, Map<String, Token>> tokens = new IdentityHashMap<>(FEW);
    /** By scanner instance, as {@link #found}: member names and whether that scanner finds nothing in them. */
    private final Map<Scanner, Map<String, Boolean>> cleanNames = new IdentityHashMap<>(FEW);
    /**
     * Member names {@link #namesScanner} remembers as clean, each in the slot of its hash: the
     * parser hands out one instance per name, so a name met again (every comment of a ticket has
     * the same members) is answered by comparing references, where the scanner's memory, a
     * concurrent set, cost a look-up per member (2 % of a call on a 1 MiB ticket).
     */
    private final String[] cleanSlots = new String[CLEAN_SLOTS];
    /** The scanner {@link #cleanSlots} answers for: the first one asked (a call's names are its policy's scanner's). */
    private Scanner namesScanner;
    /** The canonical JSON of the document's objects and arrays replaced whole, by node. */
    private final Map<JsonNode, String> canonical = new IdentityHashMap<>(FEW);
    /** The known-value tries of the document's views, shared among them. */
    private final KnownScans knownScans = new KnownScans();
    /** How many texts the call expects to scan, to size the maps by text ({@link #expectTexts}). */
    private int expectedTexts;

    /**
     * Sizes the maps by text for {@code texts} texts to be scanned (a view's scans put off until
     * its walk ends; the most any view of the call asked for), so that they do not grow while
     * the scans fill them: on a 1 MiB ticket the doublings were a third of their cost.
     */
    void expectTexts(int texts) {
        if (texts > expectedTexts) {
            expectedTexts = texts;
            found.values().forEach(table -> table.reserve(texts));
            knownScans.expectTexts(texts);
        }
    }

    /** {@link Values#canonical} of {@code node}, a node of the call's document, written once. */
    String canonical(JsonNode node) {
        return canonical.computeIfAbsent(node, Values::canonical);
    }

    /** The known-value tries shared by the views of this call. */
    KnownScans knownScans() {
        return knownScans;
    }

    /** What {@code scanner.detect(text)} returns (an unmodifiable list), scanning only the first time. */
    List<Span> detect(Scanner scanner, String text) {
        TextTable<List<Span>> byText = found.get(scanner);
        if (byText == null) {
            byText = new TextTable<>(expectedTexts);
            found.put(scanner, byText);
        }
        List<Span> spans = byText.get(text);
        if (spans == null) {
            spans = scanner.detect(text);
            byText.put(text, spans);
        }
        return spans;
    }

    /**
     * Whether {@code scanner} finds nothing in the member name {@code name}, asked once per name:
     * most names are clean and remembered so by the scanner, which answers them in one look-up
     * (before, every name went through this call's maps too, which cost more than the answer);
     * the others are scanned once per call.
     */
    boolean isCleanName(Scanner scanner, String name) {
        int slot = name.hashCode() & (CLEAN_SLOTS - 1);
        if (cleanSlots[slot] == name && scanner == namesScanner) {
            return true;
        }
        if (scanner.remembersClean(name)) {
            if (namesScanner == null) {
                namesScanner = scanner;
            }
            if (scanner == namesScanner) {
                cleanSlots[slot] = name;
            }
            return true;
        }
        Map<String, Boolean> byName = cleanNames.get(scanner);
        if (byName == null) {
            byName = new HashMap<>();
            cleanNames.put(scanner, byName);
        }
        Boolean clean = byName.get(name);
        if (clean == null) {
            clean = scanner.findsNothingIn(name);
            byName.put(name, clean);
        }
        return clean;
    }

    /**
     * The token {@code format} (deterministic: the same value always gives the same token, with no
     * token store call) made for {@code value} in this document, else {@code null}.
     */
    Token madeToken(TokenFormat format, String value) {
        Map<String, Token> made = tokens.get(format);
        return made == null ? null : made.get(value);
    }

    /** Remembers {@code token}, made by the deterministic {@code format} for {@code value}, for the rest of the document. */
    void made(TokenFormat format, String value, Token token) {
        tokens.computeIfAbsent(format, f -> new HashMap<>()).put(value, token);
    }
}
