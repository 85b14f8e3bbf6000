package dev.veil.policy.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.NumericNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A JSON number kept as the text it was sent as and written back unchanged. Nothing here expands
 * an exponent: {@code 1e999999999} stays eleven characters (a {@link BigDecimal} made from it would
 * be cheap, its plain digits would not). Conversions to Java numbers are for callers that read a
 * small number such as a priority; they saturate instead of expanding.
 */
final class TextNumberNode extends NumericNode {

    private static final long serialVersionUID = 1L;
    private static final int MAX_LONG_DIGITS = 18;

    private final String text;
    private final boolean integral;

    TextNumberNode(String text, boolean integral) {
        this.text = text;
        this.integral = integral;
    }

    @Override
    public JsonToken asToken() {
        return integral ? JsonToken.VALUE_NUMBER_INT : JsonToken.VALUE_NUMBER_FLOAT;
    }

    @Override
    public JsonParser.NumberType numberType() {
        if (!integral) {
            return JsonParser.NumberType.BIG_DECIMAL;
        }
        return digits() <= 9 ? JsonParser.NumberType.INT : digits() <= MAX_LONG_DIGITS ? JsonParser.NumberType.LONG : JsonParser.NumberType.BIG_INTEGER;
    }

    @Override
    public boolean isIntegralNumber() {
        return integral;
    }

    @Override
    public boolean isFloatingPointNumber() {
        return !integral;
    }

    @Override
    public boolean isBigDecimal() {
        return false; // never treat as a BigDecimal whose plain digits could be expanded
    }

    @Override
    public Number numberValue() {
        return integral && digits() <= MAX_LONG_DIGITS ? (Number) Long.parseLong(text) : (Number) doubleValue();
    }

    @Override
    public int intValue() {
        long value = longValue();
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    @Override
    public long longValue() {
        if (integral && digits() <= MAX_LONG_DIGITS) {
            return Long.parseLong(text);
        }
        return (long) doubleValue(); // saturates at Long.MIN_VALUE / MAX_VALUE
    }

    @Override
    public double doubleValue() {
        return Double.parseDouble(text); // 1e999999999 is Infinity, at once
    }

    /** Exact for integers of at most 18 digits and for decimals; {@link BigDecimal} keeps exponents unexpanded. */
    @Override
    public BigDecimal decimalValue() {
        return new BigDecimal(text);
    }

    /** Only for integers (no exponent): their text is bounded by the parser's number length limit. */
    @Override
    public BigInteger bigIntegerValue() {
        return integral ? new BigInteger(text) : BigInteger.valueOf(longValue());
    }

    @Override
    public boolean canConvertToInt() {
        return integral && digits() <= MAX_LONG_DIGITS && Long.parseLong(text) == (int) Long.parseLong(text);
    }

    @Override
    public boolean canConvertToLong() {
        return integral && digits() <= MAX_LONG_DIGITS;
    }

    @Override
    public String asText() {
        return text;
    }

    @Override
    public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeNumber(text);
    }

    private int digits() {
        return text.startsWith("-") ? text.length() - 1 : text.length();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TextNumberNode number && number.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
