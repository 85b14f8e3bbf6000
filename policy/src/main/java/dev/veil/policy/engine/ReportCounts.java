package dev.veil.policy.engine;

import dev.veil.policy.model.Action;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A report's counts as {@link ReportBuilder} hands them over: types already sorted and each
 * type's counts already unmodifiable, held in two arrays that nothing else sees, so that
 * {@link SanitizeReport} keeps them as they are instead of copying them into a map of its own
 * (that copy cost about as much as counting the whole report). Unmodifiable; equal to, and
 * printed as, any map of the same entries in the same order.
 */
final class ReportCounts extends AbstractMap<String, Map<Action, Integer>> {

    private final String[] types;
    private final Map<Action, Integer>[] counts;

    /** {@code types} sorted and distinct, {@code counts} unmodifiable; both handed over, never changed again. */
    ReportCounts(String[] types, Map<Action, Integer>[] counts) {
        this.types = types;
        this.counts = counts;
    }

    @Override
    public int size() {
        return types.length;
    }

    @Override
    public Map<Action, Integer> get(Object type) {
        for (int i = 0; i < types.length; i++) {
            if (types[i].equals(type)) {
                return counts[i];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object type) {
        return get(type) != null;
    }

    @Override
    public Set<Entry<String, Map<Action, Integer>>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return types.length;
            }

            @Override
            public Iterator<Entry<String, Map<Action, Integer>>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < types.length;
                    }

                    @Override
                    public Entry<String, Map<Action, Integer>> next() {
                        if (next == types.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(types[i], counts[i]);
                    }
                };
            }
        };
    }
}
