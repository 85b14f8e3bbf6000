package dev.veil.tokenizer.detect.person;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.detect.Found;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonDetectorTest {

    private final PersonDetector detector = new PersonDetector();

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "Hello, my name is Oriana Castellet and my order never arrived. | Oriana Castellet",
        "my name's Teodor, the parcel is damaged | Teodor",
        "The account name is Wilhelmina Osei-Bonsu, please fix it | Wilhelmina Osei-Bonsu",
        "You can call me Bram. | Bram",
        "Hi, I'm Delphine and I cannot log in | Delphine",
        "I am Kwame Mensah, account holder since last year | Kwame Mensah",
        "Hello, this is Ingrid from the Leeds office. | Ingrid",
        "Thanks for the help. This is Rosalind's second ticket | Rosalind",
        "Hi Ottilie, could you check the refund? | Ottilie",
        "Dear Cornelius,\\nYour refund is on its way. | Cornelius",
        "Good Morning Priyanka, quick question | Priyanka",
        "Please send it to Mr. Halvorsen at the front desk | Halvorsen",
        "I spoke with Ms Abernathy yesterday | Abernathy",
        "the account belongs to mrs. Quennell | Quennell",
        "Could Dr. Ifeoma Chukwu call me back? | Ifeoma Chukwu",
        "Full name: Ruth P. Vandersloot | Ruth P. Vandersloot",
        "my name is Ludwig van der Berg | Ludwig van der Berg",
        "It was fixed, thanks!\\nThanks,\\nMarguerite | Marguerite",
        "All sorted now.\\n\\nKind regards,\\nTobias Lindqvist | Tobias Lindqvist",
        "Cheers, Declan | Declan",
        "Bot: What's your full name?\\nCustomer: Saoirse Quigley | Saoirse Quigley",
        "The name on the card is Benedikt Aaltonen | Benedikt Aaltonen",
        "Ship to: Ottoline Fairweather\\n14 Birch Lane | Ottoline Fairweather",
        "Please add my daughter Philippa to the family plan | Philippa",
    })
    void findsEnglishNamesAfterCues(String text, String name) {
        assertThat(names(text.replace("\\n", "\n"))).containsExactly(name);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "Buenas tardes, me llamo Itziar Goikoetxea y tengo un problema | Itziar Goikoetxea",
        "Hola, mi nombre es Anselmo, el pedido no llegó | Anselmo",
        "Soy Maribel, clienta de la tienda de Vigo | Maribel",
        "soy Nuria y quería saber el plazo | Nuria",
        "Hola Leocadia, gracias por escribir | Leocadia",
        "Estimada Sra. Villalobos: le escribimos por su pedido | Villalobos",
        "Atendido por D. Casimiro Urquiza en la oficina | Casimiro Urquiza",
        "La factura está a nombre de Dña. Remedios Ballesteros | Remedios Ballesteros",
        "Nombre: Ezequiel\\nApellidos: Montalbán Ruiz | Ezequiel, Montalbán Ruiz",
        "Ya está solucionado.\\nUn saludo,\\nPetra | Petra",
        "Muchas gracias, Gumersindo | Gumersindo",
        "Le saluda Amparo Esteve | Amparo Esteve",
        "Me llamo María de la Cruz Olmedo | María de la Cruz Olmedo",
        "¿Cómo se llama? Jacinta | Jacinta",
        "Póngalo a nombre de Fermín Arrieta, por favor | Fermín Arrieta",
        "Quiero dar de alta a mi hijo Bernardo en la tarifa | Bernardo",
    })
    void findsSpanishNamesAfterCues(String text, String names) {
        assertThat(names(text.replace("\\n", "\n"))).containsExactly(names.split(", "));
    }

    @Test
    void readsCapitalisedFormValuesAfterALabel() {
        assertThat(names("Order 5521\nCardholder name: ISOLDE FARKAS\nStatus: shipped")).containsExactly("ISOLDE FARKAS");
        assertThat(names("Name: Jorunn Aas, Phone: see below")).containsExactly("Jorunn Aas");
        assertThat(names("\uFEFFNombre: Eulalia Prats\n> Assigned to: Radomir Vukić")).containsExactly("Eulalia Prats", "Radomir Vukić");
    }

    @Test
    void spanCoversOnlyTheNameNotTheCueOrHonorific() {
        String text = "Dear Mrs Okonkwo,";
        List<Span> spans = spans(text);
        assertThat(spans).singleElement().satisfies(span -> {
            assertThat(span.type()).isEqualTo(PiiType.PERSON);
            assertThat(span.start()).isEqualTo(text.indexOf("Okonkwo"));
            assertThat(span.end()).isEqualTo(text.length() - 1);
        });
    }

    @Test
    void statedNamesAreMoreCertainThanGreetings() {
        double stated = spans("my name is Oskar").get(0).confidence();
        double greeted = spans("Hi Oskar,").get(0).confidence();
        assertThat(stated).isGreaterThan(greeted);
        assertThat(greeted).isGreaterThanOrEqualTo(0.5);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "This is urgent, please call back",
        "This is Urgent",
        "THIS IS URGENT",
        "This Is Not What I Ordered",
        "My Name Is Wrong On The Invoice",
        "I'm Sorry, but the refund is late",
        "I am Spanish and live in Bilbao",
        "I'm Having Trouble Logging In",
        "Soy cliente desde 2019",
        "Soy Cliente desde hace años",
        "Hi Team, the export failed",
        "Hello World!",
        "Dear Customer,",
        "Dear Sir or Madam,",
        "Hola a todos,",
        "Thanks for your patience",
        "Thanks Again!",
        "We are the best Pizza\nin town",
        "Regards Support",
        "Our shop is at 12 Oak Dr. Springfield",
        "Deliver to Elm Dr. Springfield",
        "Take vitamin D. Then rest",
        "latency was 200 ms Total",
        "Sr. Software Engineer position",
        "The file name is report.pdf",
        "Name: n/a",
        "my name is jose with a lower-case j",
        "call me Monday",
        "This is A Test",
        "What is the product name? Premium Plus",
        "Ship to: Warehouse\\nDock 4",
        "Shipping address: 14 Birch Lane",
        "my son says the app crashes",
    })
    void leavesCommonCapitalisedWordsAlone(String text) {
        assertThat(names(text.replace("\\n", "\n"))).isEmpty();
    }

    @Test
    void aPossessiveIsNotPartOfTheName() {
        assertThat(names("my name is Leopold's cousin")).containsExactly("Leopold");
    }

    @Test
    @Timeout(10)
    void staysFastOnLongAdversarialInput() {
        String text = "Hi ".repeat(20_000) + "my name is " + "Ab ".repeat(20_000) + "Dr. ".repeat(20_000);
        assertThat(spans(text)).isNotNull();
    }

    private List<Span> spans(String text) {
        return Found.spans(detector, text);
    }

    private List<String> names(String text) {
        return Found.values(detector, text);
    }
}
