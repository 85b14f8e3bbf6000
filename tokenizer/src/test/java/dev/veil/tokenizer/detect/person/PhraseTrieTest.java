package dev.veil.tokenizer.detect.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The trie finds what trying each phrase in order would find: the first that matches, ends a word and whose tail fits. */
class PhraseTrieTest {

    private static final PhraseTrie.Tail ANY = (phrase, text, end) -> end;

    @Test
    void theFirstPhraseInOrderWinsOverALaterOne() {
        PhraseTrie trie = new PhraseTrie("thanks again", "thank you", "thanks");
        assertThat(trie.first("Thanks again, Ana".toCharArray(), 0, ANY)).isEqualTo(packed(0, 12));
        assertThat(trie.first("thanks, Ana".toCharArray(), 0, ANY)).isEqualTo(packed(2, 6));
        // order decides, not length: a shorter phrase listed first wins where both match
        PhraseTrie shortFirst = new PhraseTrie("thanks", "thanks again");
        assertThat(shortFirst.first("thanks again".toCharArray(), 0, ANY)).isEqualTo(packed(0, 6));
    }

    @Test
    void aPhraseMustEndAWord() {
        PhraseTrie trie = new PhraseTrie("my", "mr");
        assertThat(trie.first("myself".toCharArray(), 0, ANY)).isEqualTo(-1);
        assertThat(trie.first("Mr2".toCharArray(), 0, ANY)).isEqualTo(-1);
        assertThat(trie.first("Mr. Ruiz".toCharArray(), 0, ANY)).isEqualTo(packed(1, 2));
        assertThat(trie.first("my".toCharArray(), 0, ANY)).isEqualTo(packed(0, 2));
    }

    @Test
    void aRejectedTailLeavesTheNextPhraseInOrder() {
        PhraseTrie trie = new PhraseTrie("thanks again", "thanks");
        PhraseTrie.Tail notTheLongOne = (phrase, text, end) -> phrase == 0 ? -1 : end + 100;
        assertThat(trie.first("thanks again".toCharArray(), 0, notTheLongOne)).isEqualTo(packed(1, 106));
        assertThat(trie.first("thanks again".toCharArray(), 0, (phrase, text, end) -> -1)).isEqualTo(-1);
    }

    @Test
    void aWildcardReadsOneLowerCaseWordGreedily() {
        PhraseTrie trie = new PhraseTrie("name on the * is", "the name on the *");
        assertThat(trie.first("name on the card is Ana".toCharArray(), 0, ANY)).isEqualTo(packed(0, 19));
        assertThat(trie.first("the name on the account".toCharArray(), 0, ANY)).isEqualTo(packed(1, 23));
        assertThat(trie.first("name on the Card is Ana".toCharArray(), 0, ANY)).isEqualTo(-1);
        assertThat(trie.first("the name on the ".toCharArray(), 0, ANY)).isEqualTo(-1);
    }

    @Test
    void comparesCaseInsensitivelyAsCharacterToLowerCaseDoes() {
        PhraseTrie trie = new PhraseTrie("hola", "mamá");
        assertThat(trie.first("HOLA Ana".toCharArray(), 0, ANY)).isEqualTo(packed(0, 4));
        assertThat(trie.first("MAMÁ".toCharArray(), 0, ANY)).isEqualTo(packed(1, 4));
        assertThat(trie.first("say hola".toCharArray(), 4, ANY)).isEqualTo(packed(0, 8));
    }

    @Test
    void refusesAPhraseListedTwice() {
        assertThatThrownBy(() -> new PhraseTrie("hi", "hello", "hi")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void answersAsTryingEachPhraseInTurn() {
        String[] phrases = {"my name is", "my name's", "name is", "my", "mi", "mis", "me llamo", "i'm", "i am", "in the name of",
            "hi", "hello", "hey", "dear", "d", "dr", "dra", "doña", "name on my * is", "your * name"};
        PhraseTrie trie = new PhraseTrie(phrases);
        String alphabet = "my name is'*dolaeñhicrsy MNIDH.,";
        Random random = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(16);
            for (int k = 0; k < length; k++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String t = text.toString();
            int p = random.nextInt(t.length());
            PhraseTrie.Tail tail = (phrase, s, end) -> (phrase + end) % 3 == 0 ? -1 : end;
            assertThat(trie.first(t.toCharArray(), p, tail)).as("%s at %d", t, p).isEqualTo(oneByOne(phrases, t, p, tail));
        }
    }

    /** The reference: each phrase in turn, compared character by character. */
    private static long oneByOne(String[] phrases, String text, int p, PhraseTrie.Tail tail) {
        for (int k = 0; k < phrases.length; k++) {
            int end = phraseEnd(text, p, phrases[k]);
            int after = end < 0 ? -1 : tail.after(k, text.toCharArray(), end);
            if (after >= 0) {
                return packed(k, after);
            }
        }
        return -1;
    }

    private static int phraseEnd(String text, int p, String phrase) {
        int n = text.length();
        int q = p;
        for (int k = 0; k < phrase.length(); k++) {
            char expected = phrase.charAt(k);
            if (expected == '*') {
                int word = q;
                while (q < n && q - word < 20 && text.charAt(q) >= 'a' && text.charAt(q) <= 'z') {
                    q++;
                }
                if (q == word) {
                    return -1;
                }
            } else if (q >= n || Character.toLowerCase(text.charAt(q)) != expected) {
                return -1;
            } else {
                q++;
            }
        }
        return q < n && Character.isLetterOrDigit(text.charAt(q)) ? -1 : q;
    }

    private static long packed(int phrase, int end) {
        return (long) phrase << 32 | end;
    }
}
