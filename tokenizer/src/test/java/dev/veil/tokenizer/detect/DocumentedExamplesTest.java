package dev.veil.tokenizer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples shown in docs/detection.md, so the documentation cannot drift from the code. */
class DocumentedExamplesTest {

    @Test
    void quickStartExample() {
        String ticket = "Card 4111 1111 1111 1111, call me on (202) 456-1111. DNI 12345678Z.";
        List<Span> spans = DetectorRegistry.defaults().detect(ticket);
        assertThat(spans).extracting(span -> span.type() + " " + span.confidence() + " " + ticket.substring(span.start(), span.end()))
                .containsExactly("CARD_NUMBER 0.99 4111 1111 1111 1111", "PHONE 0.85 (202) 456-1111", "ES_DNI 0.99 12345678Z");
    }

    @Test
    void normalizedViewExamples() {
        String text = "mi tarjeta: <b>4236</b>&nbsp;2492 4604 8897";
        Span span = DetectorRegistry.defaults().detect(text).get(0);
        assertThat(text.substring(span.start(), span.end())).isEqualTo("4236</b>&nbsp;2492 4604 8897");
        assertThat(NormalizedText.of("４７９１ ４９７５").text()).isEqualTo("4791 4975");
        assertThat(NormalizedText.of("ana＠mail．es").text()).isEqualTo("ana@mail.es");
        assertThat(NormalizedText.of("٤٧٩١").text()).isEqualTo("4791");
        assertThat(NormalizedText.of("5364\u00ad3404").text()).isEqualTo("53643404");
        assertThat(NormalizedText.of("4791\u20134975").text()).isEqualTo("4791-4975");
        assertThat(NormalizedText.of("<b>4236</b>&nbsp;2492").text()).isEqualTo("4236 2492");
        assertThat(NormalizedText.of("card%3D4111%201111").text()).isEqualTo("card=4111 1111");
        assertThat(NormalizedText.of("CC#4111").text()).isEqualTo("CC# 4111");
        for (String value : List.of("5355.6840.6927.1105", "5364\u00ad3404\u00ad7569\u00ad2595", "４７９１ ４９７５ ６１７７ ６２７２",
                "5355 - 6840 6927/1105", "535568 4069 271105")) {
            String ticket = "pay with " + value + " please";
            assertThat(DetectorRegistry.defaults().detect(ticket)).as(value).singleElement()
                    .satisfies(found -> assertThat(ticket.substring(found.start(), found.end())).isEqualTo(value));
        }
    }

    @Test
    void nearMissAndNewTypeExamples() {
        DetectorRegistry registry = DetectorRegistry.defaults();
        String[][] examples = {
            {"mi tarjeta es la 4480 3972 4297 7039", "4480 3972 4297 7039", "CARD_NUMBER", "0.6"},
            {"DNI: 70976263E", "70976263E", "ES_DNI", "0.6"},
            {"ref 2100 0418 45 0200051332", "2100 0418 45 0200051332", "BANK_ACCOUNT", "0.95"},
            {"bank details: 20-00-00 73849201", "20-00-00 73849201", "BANK_ACCOUNT", "0.85"},
            {"write to ana at acme dot com", "ana at acme dot com", "EMAIL", "0.8"},
            {"nombre arroba dominio punto es", "nombre arroba dominio punto es", "EMAIL", "0.85"},
            {"12/03/1985 is my date of birth", "12/03/1985", "DATE_OF_BIRTH", "0.85"},
            {"I updated the app. 83.44.120.7 is my address", "83.44.120.7", "IP_ADDRESS", "0.8"},
            {"open http://10.20.30.40/admin", "10.20.30.40", "IP_ADDRESS", "0.8"},
        };
        for (String[] example : examples) {
            String text = example[0];
            assertThat(registry.detect(text)).as(text).singleElement().satisfies(span -> {
                assertThat(text.substring(span.start(), span.end())).isEqualTo(example[1]);
                assertThat(span.type().name()).isEqualTo(example[2]);
                assertThat(span.confidence()).isEqualTo(Double.parseDouble(example[3]));
            });
        }
    }

    @Test
    void typeExamples() {
        DetectorRegistry registry = DetectorRegistry.defaults();
        for (String example : List.of("2223003122003222", "6205500000000000004", "3782 822463 10005",
                "ana.garcia+billing@correo.example.es", "+44 20 7946 0958", "DE89-3704-0044-0532-0130-00",
                "12.345.678-Z", "Y-8063915-Z", "::ffff:10.0.0.1", "1600 Pennsylvania Ave NW, Washington, DC 20500",
                "Calle de Alcalá 48, 3º izq., 28014 Madrid", "PSC 3294, Box 9168, APO AA 61487",
                "Marlborough Rd, St. James's, London SW1A 1BQ", "Teichweg 5", "Lindauer Straße 89", "Király utca 15",
                "Rue Oberkampf 9", "Via dei Mille 17", "ul. Długa 61", "12 rue de la Paix")) {
            List<Span> spans = registry.detect("see " + example + "\n");
            assertThat(spans).as(example).singleElement()
                    .satisfies(span -> assertThat(span.end() - span.start()).isEqualTo(example.length()));
        }
    }

    @Test
    void personExamples() {
        DetectorRegistry registry = DetectorRegistry.defaults();
        String[][] examples = {
            {"my name is Ana Ruiz", "Ana Ruiz", "0.75"}, {"Nombre: Ana", "Ana", "0.75"}, {"Name: ANA RUIZ", "ANA RUIZ", "0.75"},
            {"Hi Ana,", "Ana", "0.6"}, {"Dear Mr Ruiz,", "Ruiz", "0.6"}, {"Thanks, Maria", "Maria", "0.6"},
            {"Kind regards,\nTom Hale", "Tom Hale", "0.6"}, {"Un saludo,\nPedro", "Pedro", "0.6"},
            {"my daughter Philippa", "Philippa", "0.6"}, {"What's your name? Ana Ruiz", "Ana Ruiz", "0.6"},
        };
        for (String[] example : examples) {
            String text = example[0];
            assertThat(registry.detect(text)).as(text).singleElement().satisfies(span -> {
                assertThat(span.type()).isEqualTo(PiiType.PERSON);
                assertThat(text.substring(span.start(), span.end())).isEqualTo(example[1]);
                assertThat(span.confidence()).isEqualTo(Double.parseDouble(example[2]));
            });
        }
        for (String text : List.of("This is Urgent", "Hi Team,", "I'm Sorry", "Soy Cliente", "I am Spanish", "Thanks Again!",
                "This Is Wrong", "Deliver to Elm Dr. Springfield", "Ana flew to Lisbon")) {
            assertThat(registry.detect(text)).as(text).noneMatch(span -> span.type().equals(PiiType.PERSON));
        }
    }

    @Test
    void streetCornerExamples() {
        for (String corner : List.of("Larkspur Lane and 7th Avenue", "Serrano con Goya")) {
            String text = "on the corner of " + corner + ".";
            assertThat(DetectorRegistry.defaults().detect(text)).singleElement()
                    .satisfies(span -> assertThat(text.substring(span.start(), span.end())).isEqualTo("the corner of " + corner));
        }
    }

    /** The custom detector from the documentation. */
    static final class AcmeOrderDetector implements Detector {
        @Override
        public PiiType type() {
            return PiiType.of("ACME_ORDER");
        }

        @Override
        public void detect(String text, List<Span> out) {
            for (int i = text.indexOf("ACME-"); i >= 0; i = text.indexOf("ACME-", i + 1)) {
                int end = i + 5;
                while (end < text.length() && Character.isDigit(text.charAt(end))) {
                    end++;
                }
                if (end - i == 13) {
                    out.add(new Span(type(), i, end, 0.9));
                }
            }
        }
    }

    @Test
    void customDetector() {
        DetectorRegistry registry = DetectorRegistry.builder().add(new AcmeOrderDetector()).build();
        assertThat(registry.detect("order ACME-12345678 and ACME-1")).singleElement()
                .satisfies(span -> assertThat(span.type()).isEqualTo(PiiType.of("ACME_ORDER")));
    }

    @Test
    void anyGroupingExamples() {
        DetectorRegistry registry = DetectorRegistry.defaults();
        for (String[] example : new String[][] {
            {"call me on ", "+34 6123 - 45678", "PHONE"}, {"phone: ", "20.245/61111", "PHONE"},
            {"phone: ", "+3. 46. 123. 456. 78", "PHONE"}, {"phone: ", "(202)\n456-1111", "PHONE"},
            {"IBAN ", "ES9 121 0004 1845 0200 0513 32", "IBAN"}, {"SSN: ", "53 62284 61", "US_SSN"},
            {"DNI: ", "76 - 8003 - 73 - S", "ES_DNI"}, {"DNI: ", "1234.5678. Z", "ES_DNI"},
            {"NIE: ", "X 12 345 67 - L", "ES_NIE"},
        }) {
            String text = example[0] + example[1] + ", thanks";
            assertThat(registry.detect(text)).as(example[1]).singleElement().satisfies(found -> {
                assertThat(text.substring(found.start(), found.end())).isEqualTo(example[1]);
                assertThat(found.type().name()).isEqualTo(example[2]);
            });
        }
        for (String text : List.of("order 202-456-1111 shipped", "tracking 34  202.456.1111", "tracking 917 536 22 8461",
                "phone: 612, 345 678", "see 20.245/61111 ok")) {
            assertThat(registry.detect(text)).as(text).isEmpty();
        }
    }
}
