package io.pooledsqlite.examples.framework;

import java.util.List;

/**
 * A note as the example's repository returns it.
 *
 * @param id the row id
 * @param title the title
 * @param tags the tags, sorted
 */
public record Note(long id, String title, List<String> tags) {
}
