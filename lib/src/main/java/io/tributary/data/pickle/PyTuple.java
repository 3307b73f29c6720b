package io.tributary.data.pickle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Python tuple from a pickle (lists come as {@link List}, dicts as {@link java.util.Map}).
 *
 * @param items the elements, unmodifiable; None is {@code null}
 */
public record PyTuple(List<Object> items) {

    static PyTuple of(List<Object> items) {
        return new PyTuple(Collections.unmodifiableList(new ArrayList<>(items)));
    }

    public int size() {
        return items.size();
    }

    public Object get(int index) {
        return items.get(index);
    }
}
