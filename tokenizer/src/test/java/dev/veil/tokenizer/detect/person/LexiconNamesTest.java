package dev.veil.tokenizer.detect.person;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.detect.Found;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Names found from their words, without a cue: given names, surnames, speakers, vocatives, initials. */
class LexiconNamesTest {

    private final PersonDetector detector = new PersonDetector();

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "Yesterday Hannah Whitfield phoned about the refund | Hannah Whitfield",
        "The parcel was signed for by Gwendolyn Ashby-Carrow at the door | Gwendolyn Ashby-Carrow",
        "Médico: Beatriz Lozano Quintana  NºCol: 28 28 12345 | Beatriz Lozano Quintana",
        "Remitido por: Gonzalo Ibarrola Etxeberria, Servicio de Urología | Gonzalo Ibarrola Etxeberria",
        "Cardholder on file is Jose Maria Lopez Ferrandiz | Jose Maria Lopez Ferrandiz",
        "Kevin asked for a new invoice | Kevin",
        "Please forward this to Margarethe Szőllősi-Varga today | Margarethe Szőllősi-Varga",
        "Order approved by Greta J Vos on Monday | Greta J Vos",
        "Zdravka: Where is my parcel?\\nAgent: On its way | Zdravka",
        "Radomila, can you check the order again? | Radomila",
        "Yes, said Ruaridh, the box was empty | Ruaridh",
        "We spoke to Branimira Kovačević-Horvat on the phone | Branimira Kovačević-Horvat",
        "the package for Rose Thornbury arrived late | Rose Thornbury",
        "I gave the keys to my neighbour, and Frank kept them | Frank",
    })
    void findsNamesFromTheirWords(String text, String name) {
        assertThat(names(text.replace("\\n", "\n"))).containsExactly(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Our office is in Georgia now",
        "Will you send the invoice again?",
        "May I ask for a refund?",
        "The store on Norman Lodge Road is closed",
        "Ingresó en el Hospital Ramón Olabarría de Lugo",
        "signo de Whitcombe positivo y dolor abdominal",
        "Síndrome de Harwell Dixon con parálisis",
        "Se realizó un cultivo: Klebsiella Pneumoniae sensible",
        "Al día siguiente fue dada de alta",
        "Tres meses después acudió a consulta",
        "Esta mañana tuvo fiebre",
        "Lentes de contacto (Acme Optica, Madrid, España) sin incidencias",
        "Harper, Collins and Whitby Orchestra played",
        "Barnes & Noble sells the kit",
        "Morgan Holdings Inc is the seller",
        "The Rose Bowl is sold out",
        "Meet me at 12 Lindo Vale 412 tomorrow",
        "Shipping to New Caledonia and South Korea",
        "Apellidos: pendientes de confirmar",
        "Macroscópicamente: pieza de tres centímetros",
        "Neuropatía Periférica Crónica",
    })
    void leavesWordsThatAreNoNamesAlone(String text) {
        assertThat(names(text)).isEmpty();
    }

    @Test
    void aNameFoundByACueIsReportedOnce() {
        assertThat(names("Hi, my name is Hannah Whitfield")).containsExactly("Hannah Whitfield");
    }

    @Test
    void lexiconNamesRankBelowCuedNames() {
        List<Span> spans = spans("Yesterday Hannah Whitfield phoned");
        assertThat(spans).singleElement().satisfies(span -> {
            assertThat(span.type()).isEqualTo(PiiType.PERSON);
            assertThat(span.confidence()).isEqualTo(LexiconNames.LEXICON);
        });
        assertThat(LexiconNames.LEXICON).isLessThan(spans("my name is Hannah").get(0).confidence());
    }

    @Test
    void foldsAccentsAndCaseWhenLookingNamesUp() {
        NameLexicon lexicon = NameLexicon.shared();
        int plain = lexicon.flags("Jose".toCharArray(), 0, 4);
        assertThat(plain & NameLexicon.GIVEN).isNotZero();
        assertThat(lexicon.flags("José".toCharArray(), 0, 4)).isEqualTo(plain);
        assertThat(lexicon.flags("JOSÉ".toCharArray(), 0, 4)).isEqualTo(plain);
        assertThat(lexicon.flags("Jose\u0301".toCharArray(), 0, 5)).isEqualTo(plain);
        assertThat(lexicon.flags("Qzxwvy".toCharArray(), 0, 6)).isZero();
    }

    @Test
    void theRegistryMasksANameAndAnAddressOnTheSameTicket() {
        String ticket = "Gwendolyn Ashby-Carrow wants her order sent to 742 Evergreen Terrace, Springfield, IL 62704.";
        List<Span> spans = DetectorRegistry.defaults().detect(ticket);
        assertThat(spans).extracting(span -> span.type().name() + "=" + ticket.substring(span.start(), span.end()))
                .containsExactly("PERSON=Gwendolyn Ashby-Carrow", "ADDRESS=742 Evergreen Terrace, Springfield, IL 62704");
    }

    private List<Span> spans(String text) {
        return Found.spans(detector, text);
    }

    private List<String> names(String text) {
        return Found.values(detector, text);
    }
}
