package dev.veil.tokenizer.detect;

import static java.util.Objects.requireNonNull;

/**
 * One text made ready for detection: its {@link TextIndex} and its {@link NormalizedText} view
 * (and the view's index when the view differs), each made on first ask, so that several registries
 * scanning the same text within one call (a policy's built-in detectors and its own) make them
 * once. Holds nothing but what is derived from this one text; not thread-safe, and meant to live
 * for one call only.
 */
public final class PreparedText {

    private final String text;
    private TextIndex index;
    private NormalizedText view;
    private TextIndex viewIndex;

    private PreparedText(String text) {
        this.text = text;
    }

    /** {@code text}, with nothing made yet. */
    public static PreparedText of(String text) {
        return new PreparedText(requireNonNull(text, "text"));
    }

    /** The text as written. */
    public String text() {
        return text;
    }

    /** The index of the text as written, made on the first ask. */
    TextIndex index() {
        if (index == null) {
            index = TextIndex.of(text);
        }
        return index;
    }

    /** The index if made already, else null. */
    TextIndex indexIfMade() {
        return index;
    }

    /**
     * The view, made once: from the index's view stops if the index exists (the same view as
     * {@link NormalizedText#of(String)}, which a jqwik property checks), else by its own pass.
     */
    NormalizedText view() {
        if (view == null) {
            view = index == null ? NormalizedText.of(text) : NormalizedText.of(text, index);
        }
        return view;
    }

    /** The index of the view's text (only asked when the view differs from the text). */
    TextIndex viewIndex() {
        if (viewIndex == null) {
            viewIndex = TextIndex.of(view().text());
        }
        return viewIndex;
    }
}
