package dev.veil.tokenizer.detect.address;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole written address is one span: street, second house number, unit, town, region, country, postcode. */
class AddressDetectorTest {

    private final DetectorRegistry registry = DetectorRegistry.builder().add(AddressDetector.defaults()).build();

    @ParameterizedTest
    @ValueSource(strings = {
        "4821 17 Larch Avenue Suite 12, Dunmore, Ireland 40117",
        "77 Harrow Road Kelsey Fields\n Apt. 12\n Dunmore\n Ireland 40117",
        "65 Brenner Street\n Suite 170\n KALTENBACH\n Austria 26759",
        "3310 Villanueva Road Apt. 58\nKorsvik\n, NI\n 61089",
        "6076 Rosmarin u. 14.\nCuritiba\n, RS\n Brazil 95828",
        "218 Kallio Road Apt. 409\nSOUTH DUNMORE, WA 16469",
        "58120 Rautatienkatu 44\nKorsvik\n, NI\n 61089",
        "9021 Lindholm 17\nNorrvik, nan 78618",
        "14 Crown Road Harlow Meadows\n Suite 321\n LONDON\n United Kingdom 75419",
    })
    void coversTheWholeBlock(String address) {
        String text = "Please send the card to " + address + " as soon as you can.";
        assertThat(addresses(text)).containsExactly(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "38 Kestrel Lane\n Apt. 7\n Marlowe\n\n Ireland 40117",
        "5 Quarry Road\n Suite 40\n Tollan\n \n Netherlands 3011",
        "912 Ostrava Way\n Flat 3\n Bexley\n\n United Kingdom",
    })
    void crossesOneEmptyLineTowardsAPostalCodeOrCountry(String address) {
        String text = "Billing details:\n" + address + "\n";
        assertThat(addresses(text)).containsExactly(address);
    }

    @Test
    void anEmptyLineBeforeAnythingElseEndsTheBlock() {
        String text = "Ship to 38 Kestrel Lane\n Apt. 7\n\n Hi Bo, thanks\n\n Marlowe Books\n";
        assertThat(addresses(text)).containsExactly("38 Kestrel Lane\n Apt. 7");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "the corner of 25 Elmwood Street and Harbour Gate",
        "the corner of Orsolya kapu 12. and Bellamy Pass",
        "the corner of 40 Dorian Venizelou str and Kettle Union",
        "the corner of ul. Lipowa 12 and Harlan Road",
        "la esquina de Calle Mayor 3 y Goya",
    })
    void aCornerIsCoveredWithItsCueAndBothStreets(String corner) {
        String text = "Ask the driver to stop at " + corner + ", please.";
        assertThat(addresses(text)).containsExactly(corner);
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "   ", "\n ", "corner of  "})
    void anAddressAfterOnlyBlanksOrACueIsReadWithoutLookingBeforeTheText(String before) {
        // the corner cue is looked for in the blanks before a street, down to the text's start
        String text = before + "1379 Elm Road, Portland, ME 04101.";
        assertThat(addresses(text)).anySatisfy(found -> assertThat(found).endsWith("1379 Elm Road, Portland, ME 04101"));
    }

    @Test
    void aCornerStopsAtTheFirstLongLowerCaseWord() {
        String text = "We met at the corner of Main and Elm where we first talked.";
        assertThat(addresses(text)).containsExactly("the corner of Main and Elm");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "742 rue des lilas 12, apt. 5, lavaur, france 81500",
        "58 kestrel avenue suite 210 red deer alberta",
        "1200 avenida das flores 3\napt. 41\nbraga\nportugal 4700",
        "16 old kelmscott\nnorth ferriby\n, hu\n 14033",
        "31 4410 ωκεανού 9 apt. 12\nlarnaca, cy 60210",
        "88 lindenweg 4\n> suite 7\n> aurach\n> austria 4861",
    })
    void findsAnAddressWrittenInLowerCaseByItsStructure(String address) {
        String text = "ok so please ship it to " + address + ". thanks";
        assertThat(addresses(text)).containsExactly(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "take 2 tablets via mouth, 3 times a day, for 10 days, 20000 units in total.",
        "44 sq. ft. 000 main ave. see remarks, newfield, nj 08344",
        "i have 2 cats, 3 dogs, and 12000 fish",
        "order 12 shipped\nref 55231\nqty 3",
        "we paid 120 euros for 3 nights at the hotel, spain 2019.",
        "my order 4432 arrived broken, ref 88231, spain 2024",
        "pedido 1234 enviado a la calle, madrid 28001",
        "version 2 build 455 suite 9, release 2024, canada 2025",
        "we stayed 2 nights at the hotel suite 405, madrid, spain 28001",
        "i bought 3 boxes\nlast week\n, ok\n 40000",
    })
    void lowerCaseTextWithoutAnAddressStructureIsLeftAlone(String text) {
        assertThat(addresses(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "P.O. Box 318 Hollis Union\n Apt. 9\n Narvik\n Norway 8514",
        "2210 P.O. Box 77\n Suite 12\n Tromsdal\n Norway 9011",
    })
    void aPostBoxKeepsItsBlockAndTheBoxWords(String address) {
        String text = "Jo Smo\n\n" + address + "\n";
        assertThat(addresses(text)).containsExactly(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "We are located at Vestgarden 14 Lerke Road\n Suite 9\n Tromsdal\n Norway 9011",
        "Address:\nOstler Landstrasse 7 Ivory Lane\n Apt. 4\n Aurach\n Austria 4861",
        "It's in Λεωφόρος Κηφισίας 40 Orchid Point, Apt. 3, Larnaca, Cyprus 6021",
    })
    void takesInTheStreetNameWrittenBeforeTheHouseNumber(String text) {
        int start = Math.max(text.lastIndexOf(" at ") + 4, Math.max(text.lastIndexOf(":\n") + 2, text.lastIndexOf(" in ") + 4));
        assertThat(addresses(text)).containsExactly(text.substring(start));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "I met Anna 12 Larch Avenue, Dunmore, Ireland 40117",
        "Please write to me, Anna Berg 12 Larch Avenue, Dunmore, Ireland 40117",
    })
    void doesNotTakeInWordsBeforeTheNumberWithoutALeadIn(String text) {
        // the words must follow "at", "in", "to", "on", "and", "is", a colon or the start of a line
        assertThat(addresses(text)).containsExactly("12 Larch Avenue, Dunmore, Ireland 40117");
    }

    @Test
    void keepsTwoAddressesApart() {
        String text = "I once lived at 12 Larch Avenue, Dunmore, Ireland 40117. I now live at 9 Elm Road, Leeds LS1 8TL.";
        assertThat(addresses(text)).containsExactly("12 Larch Avenue, Dunmore, Ireland 40117", "9 Elm Road, Leeds LS1 8TL");
    }

    @Test
    void stopsBeforeWhatIsNoAddress() {
        String text = "Katrin Holm\n14 Larch Avenue\nDunmore\n Ireland 40117\nMobile: 0490 39 07 81\nThanks";
        List<Span> spans = DetectorRegistry.defaults().detect(text);
        assertThat(spans).extracting(span -> span.type().name() + "=" + text.substring(span.start(), span.end()))
                .contains("ADDRESS=14 Larch Avenue\nDunmore\n Ireland 40117", "PHONE=0490 39 07 81");
    }

    @Test
    void aStreetStaysFoundWhenItsBlockRunsIntoAMoreConfidentSpan() {
        String text = "Av. Andalucía, s/n, 41005 Sevilla Telefono 954 12 34 56\n";
        List<Span> spans = DetectorRegistry.defaults().detect(text);
        assertThat(spans).extracting(Span::type).contains(PiiType.ADDRESS, PiiType.PHONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Ingresó el 9 de mayo de 2019.\nLas pruebas",
        "GOT 25, GPT 31 y bilirrubina 12.\nSe pautó",
        "Version 2 Release 10\nBuild 2024 passed",
        "12 sq. ft. 300 items in stock",
        "Order 1234 Item 5678\nQty 2",
    })
    void numbersAroundWordsAreNoAddressWithoutABlock(String text) {
        assertThat(addresses(text)).isEmpty();
    }

    private List<String> addresses(String text) {
        return registry.detect(text).stream().filter(span -> span.type().equals(PiiType.ADDRESS))
                .map(span -> text.substring(span.start(), span.end())).toList();
    }
}
