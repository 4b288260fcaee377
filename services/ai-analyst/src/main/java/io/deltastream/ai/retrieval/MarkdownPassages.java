package io.deltastream.ai.retrieval;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Markdown document into passages by section: each heading starts a new section, and a section longer than
 * {@value #MAX_CHARS} characters is cut between paragraphs (a table between rows, its header row repeated) so that a
 * passage stays about one idea and fits the embedding model's 256-token window. Code fences are kept whole.
 */
public final class MarkdownPassages {
    /** The longest passage, in characters, unless one paragraph alone is longer. */
    static final int MAX_CHARS = 900;
    /** Shorter blocks carry too little to be an answer ("See below.", a lone link). */
    static final int MIN_CHARS = 40;
    /** Separates the levels of a heading path, e.g. {@code Configuration › Environment variables}. */
    public static final String HEADING_SEPARATOR = " › ";

    private MarkdownPassages() {
    }

    /**
     * The passages of one document.
     *
     * @param source   the document's repository path, e.g. {@code knowledge/delta.md}
     * @param markdown its text
     */
    public static List<Passage> split(String source, String markdown) {
        String title = source;
        List<String> path = new ArrayList<>();
        List<Passage> out = new ArrayList<>();
        List<String> blocks = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        boolean inFence = false;
        boolean first = true;
        for (String line : markdown.split("\n", -1)) {
            String stripped = line.strip();
            if (stripped.startsWith("```")) {
                inFence = !inFence;
            }
            int level = inFence || stripped.startsWith("```") ? 0 : headingLevel(stripped);
            if (level > 0) {
                closeBlock(blocks, block);
                emit(out, source, title, path, blocks);
                String text = stripped.substring(level).strip();
                if (level == 1 && first) {
                    title = text;
                } else {
                    int depth = Math.max(0, level - 2);
                    while (path.size() > depth) {
                        path.removeLast();
                    }
                    path.add(text);
                }
            } else if (stripped.isEmpty() && !inFence) {
                closeBlock(blocks, block);
            } else {
                block.append(block.isEmpty() ? "" : "\n").append(line.stripTrailing());
            }
            if (!stripped.isEmpty()) {
                first = false;
            }
        }
        closeBlock(blocks, block);
        emit(out, source, title, path, blocks);
        return out;
    }

    private static int headingLevel(String line) {
        int level = 0;
        while (level < line.length() && line.charAt(level) == '#') {
            level++;
        }
        return level > 0 && level <= 6 && line.length() > level && line.charAt(level) == ' ' ? level : 0;
    }

    private static void closeBlock(List<String> blocks, StringBuilder block) {
        if (!block.isEmpty()) {
            blocks.add(block.toString().strip());
            block.setLength(0);
        }
    }

    /** The section's blocks as passages of at most {@link #MAX_CHARS} characters each; clears {@code blocks}. */
    private static void emit(List<Passage> out, String source, String title, List<String> path, List<String> blocks) {
        String heading = String.join(HEADING_SEPARATOR, path);
        StringBuilder chunk = new StringBuilder();
        for (String b : blocks) {
            for (String piece : b.startsWith("|") ? tableRows(b) : List.of(b)) {
                if (!chunk.isEmpty() && chunk.length() + 2 + piece.length() > MAX_CHARS) {
                    add(out, source, title, heading, chunk.toString());
                    chunk.setLength(0);
                }
                chunk.append(chunk.isEmpty() ? "" : "\n\n").append(piece);
            }
        }
        add(out, source, title, heading, chunk.toString());
        blocks.clear();
    }

    /** A table as groups of rows, each under the table's header row, each group at most {@link #MAX_CHARS}. */
    private static List<String> tableRows(String table) {
        String[] rows = table.split("\n");
        if (rows.length < 3) {
            return List.of(table);
        }
        List<String> groups = new ArrayList<>();
        StringBuilder group = new StringBuilder(rows[0]);
        for (int i = 2; i < rows.length; i++) {
            if (group.length() > rows[0].length() && group.length() + 1 + rows[i].length() > MAX_CHARS) {
                groups.add(group.toString());
                group.setLength(0);
                group.append(rows[0]);
            }
            group.append('\n').append(rows[i]);
        }
        groups.add(group.toString());
        return groups;
    }

    private static void add(List<Passage> out, String source, String title, String heading, String text) {
        if (text.length() >= MIN_CHARS) {
            out.add(Passage.of(source, title, heading, text));
        }
    }
}
