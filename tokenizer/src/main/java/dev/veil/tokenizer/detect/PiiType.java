package dev.veil.tokenizer.detect;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * The kind of a piece of personal data, such as {@code CARD_NUMBER}; built-in kinds are constants,
 * policies may name their own (for example {@code ACME_ORDER}).
 */
public record PiiType(String name) {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    public static final PiiType CARD_NUMBER = new PiiType("CARD_NUMBER");
    public static final PiiType EMAIL = new PiiType("EMAIL");
    public static final PiiType PHONE = new PiiType("PHONE");
    public static final PiiType IBAN = new PiiType("IBAN");
    /** A domestic bank account number that is not an IBAN (Spanish CCC, UK sort code and account). */
    public static final PiiType BANK_ACCOUNT = new PiiType("BANK_ACCOUNT");
    public static final PiiType US_SSN = new PiiType("US_SSN");
    public static final PiiType ES_DNI = new PiiType("ES_DNI");
    public static final PiiType ES_NIE = new PiiType("ES_NIE");
    public static final PiiType IP_ADDRESS = new PiiType("IP_ADDRESS");
    public static final PiiType DATE_OF_BIRTH = new PiiType("DATE_OF_BIRTH");
    public static final PiiType ADDRESS = new PiiType("ADDRESS");
    public static final PiiType PERSON = new PiiType("PERSON");

    public PiiType {
        requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "PII type name: " + name + " (expected: upper case letters, digits and _, starting with a letter, at most 64)");
        }
    }

    public static PiiType of(String name) {
        return new PiiType(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
