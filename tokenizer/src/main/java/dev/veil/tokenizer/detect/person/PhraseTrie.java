package dev.veil.tokenizer.detect.person;

import dev.veil.tokenizer.detect.Chars;
import java.util.Arrays;

/**
 * Lower-case phrases in a trie, so that one walk from a word start tries all of them at once
 * instead of comparing each phrase in turn. A {@code *} in a phrase stands for one word of 1 to 20
 * lower-case ASCII letters, read greedily; a phrase matches only where a word ends after it.
 */
final class PhraseTrie {

    /** What follows a matched phrase: where the name may start, or -1 when the phrase does not count there. */
    interface Tail {
        int after(int phrase, char[] text, int end);
    }

    private static final int MAX_WILDCARD = 20;
    private static final char NO_LABEL = '\uFFFF';

    private final Node root = new Node();

    /** A trie of {@code phrases}; a phrase's number is its index, and a lower number takes precedence. */
    PhraseTrie(String... phrases) {
        for (int k = 0; k < phrases.length; k++) {
            add(phrases[k], k);
        }
        root.index();
    }

    private void add(String phrase, int number) {
        Node node = root;
        for (int k = 0; k < phrase.length(); k++) {
            if (phrase.charAt(k) == NO_LABEL) {
                throw new IllegalArgumentException("phrase holds U+FFFF, the trie's mark for no child");
            }
            node = node.child(phrase.charAt(k));
        }
        if (node.phrase >= 0) {
            throw new IllegalArgumentException("phrase listed twice: " + phrase);
        }
        node.phrase = number;
    }

    /**
     * The lowest-numbered phrase that matches case-insensitively at {@code p}, ends a word, and whose
     * {@code tail} accepts it, packed as {@code number << 32 | tail's answer}; or -1. This is the
     * answer of trying the phrases in order and taking the first that fits, found in one walk.
     */
    long first(char[] text, int p, Tail tail) {
        return walk(root, text, p, tail, -1);
    }

    private static long walk(Node node, char[] text, int q, Tail tail, long best) {
        int n = text.length;
        while (true) {
            if (node.phrase >= 0 && (best < 0 || node.phrase < (int) (best >>> 32))
                    && (q >= n || !Chars.isLetterOrDigit(text[q]))) {
                int after = tail.after(node.phrase, text, q);
                if (after >= 0) {
                    best = (long) node.phrase << 32 | after;
                }
            }
            if (node.wildcard != null) {
                int word = q;
                while (q < n && q - word < MAX_WILDCARD && text[q] >= 'a' && text[q] <= 'z') {
                    q++;
                }
                if (q > word) {
                    best = walk(node.wildcard, text, q, tail, best);
                }
                q = word;
            }
            if (q >= n) {
                return best;
            }
            node = node.next(lower(text[q]));
            if (node == null) {
                return best;
            }
            q++;
        }
    }

    /** {@link Character#toLowerCase(char)}, without its table look-up for ASCII. */
    static char lower(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return Character.toLowerCase(c);
    }

    private static final class Node {
        private char[] labels = new char[0];
        private Node[] children = new Node[0];
        /** The ASCII children by character, for a node with many (the root: every first letter). */
        private Node[] ascii;
        private Node wildcard;
        private int phrase = -1;
        /*
         * The first two children in fields: most nodes of a phrase have one or two, and two compares
         * cost less than the loop's loads of the arrays. A missing one has a label no walk asks for
         * (U+FFFF is never a child's) or, asked anyway, a null child: the answer either way.
         */
        private char label0 = NO_LABEL;
        private char label1 = NO_LABEL;
        private Node child0;
        private Node child1;

        Node next(char c) {
            if (c == label0) {
                return child0;
            }
            if (c == label1) {
                return child1;
            }
            if (ascii != null && c < 128) {
                return ascii[c];
            }
            for (int k = 2; k < labels.length; k++) {
                if (labels[k] == c) {
                    return children[k];
                }
            }
            return null;
        }

        Node child(char c) {
            if (c == '*') {
                if (wildcard == null) {
                    wildcard = new Node();
                }
                return wildcard;
            }
            for (int k = 0; k < labels.length; k++) {
                if (labels[k] == c) {
                    return children[k];
                }
            }
            Node created = new Node();
            labels = Arrays.copyOf(labels, labels.length + 1);
            children = Arrays.copyOf(children, children.length + 1);
            labels[labels.length - 1] = c;
            children[children.length - 1] = created;
            return created;
        }

        /** Adds the ASCII table to nodes with many children, once all phrases are in. */
        void index() {
            if (labels.length > 0) {
                label0 = labels[0];
                child0 = children[0];
            }
            if (labels.length > 1) {
                label1 = labels[1];
                child1 = children[1];
            }
            if (labels.length > 4) {
                ascii = new Node[128];
                for (int k = 0; k < labels.length; k++) {
                    if (labels[k] < 128) {
                        ascii[labels[k]] = children[k];
                    }
                }
                // the non-ASCII children stay reachable through the labels
            }
            for (Node child : children) {
                child.index();
            }
            if (wildcard != null) {
                wildcard.index();
            }
        }
    }
}
