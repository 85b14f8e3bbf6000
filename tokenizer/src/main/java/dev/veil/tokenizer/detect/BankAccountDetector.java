package dev.veil.tokenizer.detect;

import java.util.List;

/**
 * Finds national bank account numbers that are not IBANs: the Spanish 20-digit account (CCC,
 * entity-office-check-account, both check digits validated) and the UK sort code with its account
 * number after a sort code or account word.
 */
public final class BankAccountDetector implements IndexedDetector {

    private static final PiiType BANK_ACCOUNT = PiiType.BANK_ACCOUNT;

    static final ContextWords CONTEXT = ContextWords.of(
            "account", "account no", "account number", "acct", "acc no", "a/c", "bank", "bank account", "ccc",
            "c.c.c.", "cuenta", "cuenta corriente", "cuenta bancaria", "número de cuenta", "numero de cuenta",
            "nº de cuenta", "domiciliación", "domiciliacion", "banco", "transferencia", "sort code", "sortcode",
            "sort-code");
    static final ContextWords SORT_CODE = ContextWords.of("sort code", "sortcode", "sort-code", "s/c");
    private static final int CONTEXT_WINDOW = 40;
    /** The fewest characters a match takes (a sort code's six digits): the entry test and the loop share it. */
    private static final int SHORTEST = 6;
    /** How far after a sort code its account number may follow ("12-34-56, account no. 12345678"). */
    private static final int ACCOUNT_WINDOW = 40;
    private static final int[] CCC_WEIGHTS = {1, 2, 4, 8, 5, 10, 9, 7, 3, 6};
    /** A CCC after an account word may come in any grouping, down to one digit per group. */
    private static final int MAX_GROUPS = 20;
    private static final double UK = Confidence.boosted(Confidence.SPECIFIC_PATTERN, true);

    @Override
    public PiiType type() {
        return BANK_ACCOUNT;
    }

    @Override
    public void detect(String string, TextIndex index, List<Span> out) {
        if (index.nextDigitStart(0, 0, SHORTEST) >= index.numberCount()) {
            return; // the loop's first step below finds no start: decided before its buffers are made
        }
        char[] text = index.chars(); // read without String.charAt's check per character
        DigitGroups run = new DigitGroups(MAX_GROUPS);
        char[] digits = new char[20];
        int[] starts = index.numberStarts();
        int count = index.numberCount();
        NumberReads reads = index.numberReads();
        int next = 0;
        // six characters at least: a sort code's digits
        for (int k = 0; (k = index.nextDigitStart(k, next, SHORTEST)) < count; k++) {
            int start = starts[k];
            if (reads.digits(k) < 6) {
                next = skip(text, reads.end(k)); // shorter than a sort code: no layout matches it
                continue;
            }
            int pos = reads.read(k, 20, run);
            next = match(text, start, pos, run, digits, out);
        }
    }

    /** Reports an account in the run read from {@code start} to {@code pos}; returns where the next one may start. */
    private static int match(char[] text, int start, int pos, DigitGroups run, char[] digits, List<Span> out) {
        int groups = run.known();
        int total = run.digits();
        if (!run.complete() || !Chars.numberEndsAt(text, pos)) {
            return skip(text, pos); // more groups than any account layout has, or glued to more
        }
        if (total == 20) {
            run.copyDigits(text, 0, groups - 1, digits);
            if (spanish(text, start, pos, groups, run.starts(), run.ends(), digits, out)) {
                return pos;
            }
        }
        int end = british(text, start, groups, run.starts(), run.ends(), out);
        return end > start ? end : skip(text, pos);
    }

    private static int skip(char[] text, int pos) {
        int i = pos;
        while (i < text.length && Chars.isWordChar(text[i])) {
            i++;
        }
        return Math.max(i, pos);
    }

    /** The Spanish CCC: 4-4-2-10 as printed, or any layout after an account word. */
    private static boolean spanish(char[] text, int start, int end, int groups, int[] groupStarts, int[] groupEnds,
            char[] digits, List<Span> out) {
        boolean printed = groups == 4 && groupEnds[0] - groupStarts[0] == 4 && groupEnds[1] - groupStarts[1] == 4
                && groupEnds[2] - groupStarts[2] == 2;
        boolean context = CONTEXT.before(text, start, CONTEXT_WINDOW);
        if (!printed && !context) {
            return false; // 20 bare digits are also tracking and reference numbers
        }
        if (cccValid(digits)) {
            out.add(new Span(BANK_ACCOUNT, start, end, Confidence.checksum(context)));
            return true;
        }
        if (context) {
            out.add(new Span(BANK_ACCOUNT, start, end, Confidence.NEAR_MISS));
            return true;
        }
        return false;
    }

    /** True if both check digits of the 20-digit Spanish account hold. */
    static boolean cccValid(char[] digits) {
        int[] bankOffice = new int[10];
        for (int k = 0; k < 8; k++) {
            bankOffice[k + 2] = digits[k] - '0';
        }
        int[] account = new int[10];
        for (int k = 0; k < 10; k++) {
            account[k] = digits[10 + k] - '0';
        }
        return checkDigit(bankOffice) == digits[8] - '0' && checkDigit(account) == digits[9] - '0';
    }

    private static int checkDigit(int[] ten) {
        int sum = 0;
        for (int k = 0; k < 10; k++) {
            sum += ten[k] * CCC_WEIGHTS[k];
        }
        int d = 11 - sum % 11;
        return d == 11 ? 0 : d == 10 ? 1 : d;
    }

    /**
     * A UK sort code ({@code 12-34-56}) after a sort code or account word, with the eight-digit
     * account number that follows it; returns the end of what was found, or {@code start}.
     */
    private static int british(char[] text, int start, int groups, int[] groupStarts, int[] groupEnds, List<Span> out) {
        int sortEnd;
        if (groups >= 3 && groupEnds[0] - groupStarts[0] == 2 && groupEnds[1] - groupStarts[1] == 2
                && groupEnds[2] - groupStarts[2] == 2) {
            sortEnd = groupEnds[2];
        } else if (groupEnds[0] - groupStarts[0] == 6) {
            sortEnd = groupEnds[0];
        } else {
            return start;
        }
        boolean sortWord = SORT_CODE.before(text, start, CONTEXT_WINDOW);
        if (!sortWord && !CONTEXT.before(text, start, CONTEXT_WINDOW)) {
            return start;
        }
        int accountGroup = sortEnd == groupEnds[0] ? 1 : 3;
        if (groups > accountGroup && groupEnds[accountGroup] - groupStarts[accountGroup] == 8
                && groups == accountGroup + 1) {
            // "12-34-56 12345678": sort code and account as one value
            out.add(new Span(BANK_ACCOUNT, start, groupEnds[accountGroup], UK));
            return groupEnds[accountGroup];
        }
        if (!sortWord || groups > accountGroup) {
            return start; // a bare six-digit group is a sort code only after a sort code word
        }
        out.add(new Span(BANK_ACCOUNT, start, sortEnd, UK));
        int account = accountAfter(text, sortEnd);
        if (account > 0) {
            out.add(new Span(BANK_ACCOUNT, account, account + 8, UK));
            return account + 8;
        }
        return sortEnd;
    }

    /** The start of an eight-digit number soon after {@code from} in the same sentence, or -1. */
    private static int accountAfter(char[] text, int from) {
        int n = text.length;
        int limit = Math.min(n, from + ACCOUNT_WINDOW);
        for (int p = from; p < limit; p++) {
            char c = text[p];
            if (c == '\n' || ((c == '.' || c == '!' || c == '?') && (p + 1 >= n || text[p + 1] == ' '))) {
                return -1;
            }
            if (Chars.isDigit(c) && Chars.numberStartsAt(text, p)) {
                int q = p;
                while (q < n && Chars.isDigit(text[q])) {
                    q++;
                }
                return q - p == 8 && Chars.numberEndsAt(text, q) ? p : -1;
            }
        }
        return -1;
    }
}
