package dev.veil.tokenizer.detect.person;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * What Veil knows about a word as part of a name: whether it is a given name or a surname (US
 * Social Security and Census lists), a common English or Spanish word, or a place. Built once from
 * the resources {@code names.tsv.gz} and {@code places.txt}; see {@code tokenizer/lexicon/README.md}.
 */
final class NameLexicon {

    static final int GIVEN = 1;
    static final int SURNAME = 2;
    /** A lower-case word of an English dictionary ("will", "rose", "street"). */
    static final int ENGLISH = 4;
    /** A Spanish dictionary word that is no name ("servicio", "hospital"). */
    static final int SPANISH = 8;
    /** A country, region or city, which a name alone must not be taken for ("Georgia", "Valencia"). */
    static final int PLACE = 16;
    /** A given name that is also a Spanish word ("Pilar", "Tres"), so as common as an English one. */
    static final int SPANISH_NAME = 32;
    /** Given to more people than it is carried as a surname, and common enough to stand alone ("Hannah", not "Davis"). */
    static final int MAINLY_GIVEN = 64;
    /** Any entry of the Spanish dictionary, which lists names in lower case too ("ana", "cara"). */
    static final int IN_SPANISH_DICTIONARY = 128;
    /** On {@link NameWords}' stop-list ("Dear", "Team", "Monday"). */
    static final int STOP_WORD = 256;
    /** A word for an organisation or a place ("Inc", "Hospital", "River"). */
    static final int ORGANISATION_WORD = 512;
    /** A Spanish word that often opens a sentence ("Al", "Tres"). */
    static final int SPANISH_COMMON = 1024;

    private static final Locale SPANISH_LOCALE = new Locale("es");
    private static final NameLexicon SHARED = load();

    /** The flags live in the low bits of each entry, beside the word's hash, so a look-up reads one array. */
    private static final int FLAG_BITS = 12;
    private static final long FLAG_MASK = (1L << FLAG_BITS) - 1;

    /** An open-addressing table of entries: a word's hash without its low bits, and the word's flags. */
    private final long[] entries;
    private final int mask;

    private NameLexicon(long[] entries) {
        this.entries = entries;
        this.mask = entries.length - 1;
    }

    static NameLexicon shared() {
        return SHARED;
    }

    /** The flags of the folded word {@code text[start, end)}; 0 for a word the lexicon does not hold. */
    int flags(char[] text, int start, int end) {
        return flagsOf(Fold.hash(text, start, end));
    }

    /** {@link #flags(char[], int, int)} of the word whose {@link Fold#hash} is {@code hash}. */
    int flagsOfHash(long hash) {
        return flagsOf(hash);
    }

    /**
     * Whether {@code text[start, end)} is an inflected form of a Spanish dictionary word, which lists
     * only the singular masculine: a plural ("Nombres", "Lesiones") or a feminine ("Crónica").
     */
    boolean inflectedSpanishWord(char[] text, int start, int end) {
        int length = end - start;
        if (length < 4) {
            return false;
        }
        char lastChar = Character.toLowerCase(text[end - 1]);
        int stem = end;
        if (lastChar == 's') {
            if ((flagsOf(Fold.hash(text, start, end - 1)) & SPANISH) != 0) {
                return true;
            }
            if (Character.toLowerCase(text[end - 2]) == 'e' && (flagsOf(Fold.hash(text, start, end - 2)) & SPANISH) != 0) {
                return true;
            }
            stem = end - 1;
        }
        return Character.toLowerCase(text[stem - 1]) == 'a'
                && (flagsOf(Fold.hash(text, start, stem - 1, 'o')) & SPANISH) != 0;
    }

    private int flagsOf(long hash) {
        long key = key(hash);
        for (int slot = spread(key) & mask; ; slot = (slot + 1) & mask) {
            long entry = entries[slot];
            if ((entry & ~FLAG_MASK) == key) {
                return (int) (entry & FLAG_MASK);
            }
            if (entry == 0) {
                return 0;
            }
        }
    }

    /** A word's key: its hash without the flag bits, never 0 (an empty slot). */
    private static long key(long hash) {
        long key = hash & ~FLAG_MASK;
        return key == 0 ? 1L << FLAG_BITS : key;
    }

    private static int spread(long key) {
        return (int) (key ^ (key >>> 29) ^ (key >>> 47));
    }

    private static NameLexicon load() {
        Builder builder = new Builder(1 << 19);
        try (BufferedReader names = reader("names.tsv.gz", true)) {
            for (String line = names.readLine(); line != null; line = names.readLine()) {
                int tab = line.indexOf('\t');
                int bits = 0;
                for (int i = tab + 1; i < line.length(); i++) {
                    bits |= flag(line.charAt(i));
                }
                builder.add(line, 0, tab, bits);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("person name lexicon names.tsv.gz", e);
        }
        try (BufferedReader places = reader("places.txt", false)) {
            for (String line = places.readLine(); line != null; line = places.readLine()) {
                String place = line.strip();
                if (!place.isEmpty() && place.charAt(0) != '#') {
                    builder.add(place, 0, place.length(), PLACE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("person name lexicon places.txt", e);
        }
        NameWords.stopWords().forEach(word -> builder.add(word, 0, word.length(), STOP_WORD));
        NameWords.organisationWords().forEach(word -> builder.add(word, 0, word.length(), ORGANISATION_WORD));
        NameWords.spanishCommonWords().forEach(word -> builder.add(word, 0, word.length(), SPANISH_COMMON));
        // single-word country names in English and Spanish, from the JDK ("Jordan", "Chad", "Colombia")
        for (String code : Locale.getISOCountries()) {
            for (Locale language : new Locale[] {Locale.ENGLISH, SPANISH_LOCALE}) {
                String country = new Locale("", code).getDisplayCountry(language);
                if (country.indexOf(' ') < 0) {
                    builder.add(country, 0, country.length(), PLACE);
                }
            }
        }
        return new NameLexicon(builder.entries);
    }

    private static int flag(char c) {
        switch (c) {
            case 'g':
                return GIVEN;
            case 's':
                return SURNAME;
            case 'e':
                return ENGLISH;
            case 'w':
                return SPANISH;
            case 'c':
                return SPANISH_NAME;
            case 'm':
                return MAINLY_GIVEN;
            case 'x':
                return IN_SPANISH_DICTIONARY;
            default:
                return 0;
        }
    }

    private static BufferedReader reader(String resource, boolean gzip) throws IOException {
        InputStream in = NameLexicon.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("missing resource");
        }
        return new BufferedReader(new InputStreamReader(gzip ? new GZIPInputStream(in, 1 << 16) : in,
                StandardCharsets.UTF_8), 1 << 16);
    }

    /**
     * Builds the table of entries. A collision of two words' keys costs one wrong flag, never a
     * crash, as with any hash (a key keeps 52 of the hash's 64 bits); the whole hashes are kept
     * while building, so that no two lexicon words share an entry that whole hashes keep apart.
     */
    private static final class Builder {
        private final long[] entries;
        private final long[] hashes;
        private final int mask;
        private int size;

        Builder(int capacity) {
            entries = new long[capacity];
            hashes = new long[capacity];
            mask = capacity - 1;
        }

        void add(String word, int start, int end, int bits) {
            if (size * 4 >= entries.length * 3) {
                throw new IllegalStateException("person name lexicon: table full");
            }
            if ((bits & ~FLAG_MASK) != 0) {
                throw new IllegalStateException("person name lexicon: flags beyond " + FLAG_BITS + " bits");
            }
            long hash = Fold.hash(word.toCharArray(), start, end);
            long whole = hash == 0 ? 1 : hash;
            long key = key(hash);
            for (int slot = spread(key) & mask; ; slot = (slot + 1) & mask) {
                if (entries[slot] == 0) {
                    entries[slot] = key | bits;
                    hashes[slot] = whole;
                    size++;
                    return;
                }
                if ((entries[slot] & ~FLAG_MASK) == key) {
                    if (hashes[slot] != whole) {
                        throw new IllegalStateException("person name lexicon: two words share a key");
                    }
                    entries[slot] |= bits;
                    return;
                }
            }
        }
    }
}
