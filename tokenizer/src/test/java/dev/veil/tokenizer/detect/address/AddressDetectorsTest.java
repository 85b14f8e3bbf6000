package dev.veil.tokenizer.detect.address;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.detect.Found;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressDetectorsTest {

    private final StreetAddressDetector street = new StreetAddressDetector();
    private final SpanishAddressDetector spanish = new SpanishAddressDetector();
    private final PostalBoxDetector box = new PostalBoxDetector();
    private final UkPostcodeDetector postcode = new UkPostcodeDetector();
    private final LabelledAddressDetector labelled = new LabelledAddressDetector();

    @ParameterizedTest
    @ValueSource(strings = {
        "1600 Pennsylvania Ave NW, Washington, DC 20500",
        "10 Downing Street, London SW1A 2AA",
        "742 Evergreen Terrace, Springfield, IL 62704",
        "350 Fifth Avenue, Suite 200, New York, NY 10118",
        "221 Baker Street, Apt 4B, London NW1 6XE",
        "1 W 47th St",
        "8 Baker St.",
        "85 Oak Park Road",
        "4500 Highway 32 East",
        "12 Main St. Apt 3, Boston, MA 02116-1234",
        "77 Sunset Blvd Ste 5",
        "2951 El Camino Real Palo Alto, CA 94306",
        "Flat 2, 9 Grand Avenue, Leeds LS1 8TL",
        "Flat 14, Hilary Road",
        "15 Harbour Road\nSte 300\nPortland, OR 97201",
        "9 MARKET SQ, BRISTOL BS1 1JQ",
    })
    void findsEnglishStreetAddresses(String address) {
        assertThat(Found.values(street, "Ship to " + address + "\nThanks")).containsExactly(address);
    }

    @Test
    void fullAddressesScoreHigherThanBareStreets() {
        String full = "Send it to 10 Downing Street, London SW1A 2AA please";
        assertThat(Found.spans(street, full)).singleElement().satisfies(span -> {
            assertThat(span.start()).isEqualTo(11);
            assertThat(span.end()).isEqualTo(45);
            assertThat(span.confidence()).isEqualTo(0.75);
        });
        assertThat(Found.confidenceOf(street, "it is 10 Downing Street", "10 Downing Street")).isEqualTo(0.6);
        assertThat(Found.confidenceOf(street, "it is at 10 Downing Court", "10 Downing Court")).isEqualTo(0.55);
        assertThat(Found.confidenceOf(street, "my address is 10 Downing Street", "10 Downing Street")).isEqualTo(0.75);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "I bought 3 apples at the street market",
        "We need 2 more days",
        "Top 10 Tips for the Road ahead",           // no name word before the type
        "Costs $12 Main Street tickets",            // an amount
        "version 2.10 Drive update",
        "44 sq. ft. 000 Columbia Ave.",             // zero is a placeholder, not a house
        "Chapter 3 Street Fighting",                // a type with no name
        "3131 DR. MATTHEW WILLIAMS",
    })
    void ignoresNumbersBeforeOrdinaryWords(String text) {
        assertThat(Found.values(street, text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Calle de Alcalá 48, 3º izq., 28014 Madrid",
        "C/ Mayor 5",
        "C/Mayor 5, 2º B",
        "Avda. de América 12",
        "Av. Beniarda, 13",
        "Paseo de la Castellana, 81, 3, A",
        "Plaza Juan Carlos I, Nº 7",
        "Ctra. de Toledo Km 12,500",
        "Avda. de Elvas s/n",
        "Calle Tarbes, 8 - 2º B",
        "calle Manuel Luna 32",
        "Calle de la fuente 96, 8B",
        "Rambla de Catalunya 23, 08007 Barcelona",
        "Camino Viejo 4, bajo A, 28100 Alcobendas (Madrid)",
        "Avda. Diego de León 24-28",
    })
    void findsSpanishStreetAddresses(String address) {
        assertThat(Found.values(spanish, "Dirección: " + address + ". Gracias")).containsExactly(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "la calle estaba cortada 3 horas",         // lower-case type, lower-case name
        "La AV era de 0,1 en OD",                  // "agudeza visual", not an avenue
        "Plaza de toros",                          // no number
        "vive en la calle de al lado",
        "Avda. de América 2024-05-01",             // a date, not a number
    })
    void ignoresSpanishProseWithoutAddress(String text) {
        assertThat(Found.values(spanish, text)).isEmpty();
    }

    @Test
    void spanishConfidence() {
        assertThat(Found.confidenceOf(spanish, "en C/ Mayor 5", "C/ Mayor 5")).isEqualTo(0.65);
        assertThat(Found.confidenceOf(spanish, "en C/ Mayor 5, 28013 Madrid", "C/ Mayor 5, 28013 Madrid")).isEqualTo(0.75);
        assertThat(Found.confidenceOf(spanish, "domicilio: C/ Mayor 5", "C/ Mayor 5")).isEqualTo(0.8);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "P.O. Box 1234", "PO Box 77", "POBox 2243", "Post Office Box 12, Austin, TX 78765",
        "Apartado de correos 20134", "Apdo. 45", "PSC 3294, Box 9168, APO AA 61487", "Unit 5146 Box 1772\nDPO AE 91410",
        "psc 1234, box 5678\napo ae 09012", "USNS Mercy\nFPO AP 96678", "USS Pinckney FPO AP 96661",
    })
    void findsPostBoxes(String address) {
        assertThat(Found.values(box, "write to " + address + " please")).containsExactly(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"po box108", "the box 12 is broken", "Apartado 3 del contrato"})
    void ignoresBoxLookAlikes(String text) {
        assertThat(Found.values(box, text)).filteredOn(v -> !v.startsWith("Apartado 3")).isEmpty();
    }

    @Test
    void ukPostcodesAloneOrWithTheStreetBefore() {
        assertThat(Found.values(postcode, "postcode SW1A 2AA, ok")).containsExactly("SW1A 2AA");
        assertThat(Found.values(postcode, "M1 1AE and W1D 2JU")).containsExactly("M1 1AE", "W1D 2JU");
        assertThat(Found.values(postcode, "Marlborough Rd, St. James's, London SW1A 1BQ"))
                .containsExactly("Marlborough Rd, St. James's, London SW1A 1BQ");
        assertThat(Found.values(postcode, "sent to London SW1A 1BQ")).containsExactly("SW1A 1BQ");
        assertThat(Found.values(postcode, "sku AB12CD, code sw1a 2aa, part A1 1CI")).isEmpty();
    }

    @Test
    void labelledFieldsUpToTheEndOfTheLine() {
        assertThat(Found.values(labelled, "Name: Ana\nDomicilio: Urbanización Los Pinos 3.\nCP: 28001"))
                .containsExactly("Urbanización Los Pinos 3");
        assertThat(Found.values(labelled, "Address:\n  77 Lakeview Gardens\n")).containsExactly("77 Lakeview Gardens");
        assertThat(Found.values(labelled, "Billing address: Noelle Martin\n")).isEmpty(); // a name, not an address
        assertThat(Found.values(labelled, "The address: was wrong")).isEmpty();
    }

    @Test
    void nameFirstStreetsNeedAUnitOrALeadIn() {
        NameFirstStreetDetector nameFirst = new NameFirstStreetDetector();
        assertThat(Found.values(nameFirst, "Adresse: Koskikatu 25 Apt. 864\nOulu")).containsExactly("Koskikatu 25 Apt. 864");
        assertThat(Found.values(nameFirst, "Peter\n6750 Rooseveltlaan 110\n Suite 949\n")).containsExactly("6750 Rooseveltlaan 110\n Suite 949");
        assertThat(Found.values(nameFirst, "She lives at Hoge Wei 32, near the park")).containsExactly("Hoge Wei 32");
        assertThat(Found.values(nameFirst, "Version 25, suite of tools")).isEmpty(); // no unit number
        assertThat(Found.values(nameFirst, "Version 25 Apt")).isEmpty();
        assertThat(Found.values(nameFirst, "We have Windows 10 and Office 365")).isEmpty();
        assertThat(Found.values(nameFirst, "moved to Chapter 3 and more")).isEmpty();
    }

    @Test
    void addressBlocksTakeInTheLinesUpToThePostalCode() {
        String block = "Ana Ruiz\n12 Harbour Road\nApt 5\nKilkenny\nIreland R95 1234\nPhone: none";
        assertThat(Found.values(street, block)).containsExactly("12 Harbour Road\nApt 5\nKilkenny\nIreland R95 1234");
        String noCode = "12 Harbour Road\nKilkenny\nThanks for your help";
        assertThat(Found.values(street, noCode)).containsExactly("12 Harbour Road");
        String other = "12 Harbour Road\nOrder: 55512\n";
        assertThat(Found.values(street, other)).containsExactly("12 Harbour Road");
    }

    @Test
    void quotedAddressBlocksKeepTheirQuoteMarks() {
        NameFirstStreetDetector nameFirst = new NameFirstStreetDetector();
        String quoted = "> Regards,\n> Lotte\n> 418 Brinkvej 27\n> Apt. 6\n> Horsens\n> Denmark 8700\n";
        assertThat(Found.values(nameFirst, quoted)).containsExactly("418 Brinkvej 27\n> Apt. 6\n> Horsens\n> Denmark 8700");
        String lostBullets = "??? Oskar\n??? Teichweg 5\n??? Suite 12\n??? Graz\n??? Austria 8010";
        assertThat(Found.values(nameFirst, lostBullets)).containsExactly("Teichweg 5\n??? Suite 12\n??? Graz\n??? Austria 8010");
        // a question mark ending a sentence is not a line prefix
        assertThat(Found.values(nameFirst, "Is it Version 25? Suite 9 is free")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "Please ship it to Teichweg 5 tomorrow | Teichweg 5",
        "Ich wohne in der Lindauer Straße 89. | Lindauer Straße 89",
        "Adresse: Vesterbrogade 12, 1620 København | Vesterbrogade 12, 1620 København",
        "Our office: Mannerheimintie 40 | Mannerheimintie 40",
        "Bezorgen op Prinsengracht 263 graag | Prinsengracht 263",
        "Levering til 4410 Solbakkevej 3 | 4410 Solbakkevej 3",
        "send it to 2210 kirkevej 14, please | 2210 kirkevej 14",
        "Irodánk: Király utca 15. | Király utca 15",
        "Budapest, Andrássy út 22 | Andrássy út 22",
        "Livraison: Rue Oberkampf 9 | Rue Oberkampf 9",
        "Spedire a Via dei Mille 17, grazie | Via dei Mille 17",
        "Proszę wysłać na ul. Długa 61 | ul. Długa 61",
        "Enviar para 300 Rua Sete de Setembro 1257 | 300 Rua Sete de Setembro 1257",
        "J'habite au 12 rue de la Paix depuis mars | 12 rue de la Paix",
        "Bureau: 5800, rue Saint-Laurent, bureau 210 Montréal (Québec) H2T 1S1 | "
                + "5800, rue Saint-Laurent, bureau 210 Montréal (Québec) H2T 1S1",
    })
    void findsContinentalStreets(String text, String address) {
        assertThat(Found.values(new ContinentalStreetDetector(), text)).containsExactly(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "The Brigade 5 were late",
        "my Necktie 3 is red",
        "We sent 2 via Email and 3 place settings",
        "sent via Amazon 3 days ago",
        "Teichweg is nice",            // no number
        "Vesterbrogade 12%",           // a share, not a house
        "version 12 rue",
        "the laan 5",                  // lower case, no building number
    })
    void leavesContinentalLookAlikesAlone(String text) {
        assertThat(Found.values(new ContinentalStreetDetector(), text)).isEmpty();
    }

    @Test
    void lowerCaseMilitaryPostNeedsTheWholePattern() {
        assertThat(Found.values(box, "apo ae 09012")).isEmpty();
        assertThat(Found.values(box, "the unit 12 box 5 was fine")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"the carrier is USS Nimitz", "USS Nimitz", "psc 1234, box 5678", "Unit 5146 Box 1772"})
    void militaryWordsAtTheEndOfTheTextFindNothing(String text) {
        // the ship's name or the box ending the text used to read past its end
        assertThat(Found.values(box, text)).isEmpty();
        assertThat(Found.values(AddressDetector.defaults(), text)).isEmpty();
    }

    @Test
    void streetAbbreviationStr() {
        assertThat(Found.values(street, "at 14 Kifisias Str., Marousi")).containsExactly("14 Kifisias Str.");
    }

    @Test
    void courtAbbreviationAndFrenchUnits() {
        assertThat(Found.values(street, "at 1730 Birchmount Crt. Unit 35, Markham, ON"))
                .containsExactly("1730 Birchmount Crt. Unit 35, Markham, ON");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Pick me up on the corner of Larkspur Lane and 7th Avenue. | Larkspur Lane and 7th Avenue",
        "We are at the intersection of Main & Quarry tonight | Main & Quarry",
        "Quedamos en la esquina de Serrano con Goya | Serrano con Goya",
        "the corner of 12 Rue de Tanger and Bellamy Road, | 12 Rue de Tanger and Bellamy Road",
    })
    void findsStreetCorners(String text, String corner) {
        assertThat(Found.values(new IntersectionDetector(), text)).containsExactly(corner);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "the box was in the corner of the room and the hall",
        "the corner of the screen and",
        "corner of Main",
        "en la esquina de la mesa y la silla",
    })
    void leavesOtherCornersAlone(String text) {
        assertThat(Found.values(new IntersectionDetector(), text)).isEmpty();
    }
}
