package dev.fovea.viz;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A picture made of a title, note lines, then sections: each a caption over a grid of tiles, each
 * tile optionally labelled underneath. Most pictures of Fovea are sheets.
 *
 * <p>The layout depends only on the tile sizes and counts, never on fonts, so {@link #tileBounds}
 * tells exactly where a tile's pixels are: tiles are copied unchanged, on a white page, each with
 * a grey one-pixel frame just outside it. The picture is wide enough for the title, notes and
 * captions; a tile's label longer than its cell is shortened with an ellipsis.
 */
public final class Sheet {
    /** Space around everything, in pixels. */
    public static final int MARGIN = 10;
    /** Space between tiles of a section. */
    public static final int GAP = 6;
    static final int TITLE_HEIGHT = 20;
    static final int NOTE_HEIGHT = 16;
    static final int CAPTION_HEIGHT = 18;
    static final int LABEL_LINE_HEIGHT = 13;
    static final int SECTION_GAP = 10;
    static final int PAGE = 0xFFFFFF;
    static final int FRAME = 0xA0A0A0;
    static final int INK = 0x202020;

    private final String title;
    private final List<String> notes = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();

    private record Section(String caption, List<BufferedImage> tiles, List<List<String>> labels, int columns,
                           int cellWidth, int cellHeight, int labelLines) {
        int rows() {
            return (tiles.size() + columns - 1) / columns;
        }

        int gridWidth() {
            return columns * cellWidth + (columns - 1) * GAP;
        }

        int height() {
            return CAPTION_HEIGHT + rows() * (cellHeight + labelLines * LABEL_LINE_HEIGHT) + (rows() - 1) * GAP;
        }
    }

    public Sheet(String title) {
        this.title = title;
    }

    /** Adds a line of explanation under the title (e.g. how values became grey levels). */
    public Sheet note(String line) {
        notes.add(line);
        return this;
    }

    /** Adds a section of unlabelled tiles, {@code columns} to a row. */
    public Sheet section(String caption, List<BufferedImage> tiles, int columns) {
        return section(caption, tiles, List.of(), columns);
    }

    /**
     * Adds a section of tiles, {@code columns} to a row, each with the lines of text in
     * {@code labels} under it ({@code labels} empty, or one list per tile).
     */
    public Sheet section(String caption, List<BufferedImage> tiles, List<List<String>> labels, int columns) {
        if (tiles.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("a section needs at least one tile and one column");
        }
        if (!labels.isEmpty() && labels.size() != tiles.size()) {
            throw new IllegalArgumentException(tiles.size() + " tiles but " + labels.size() + " labels");
        }
        int cellWidth = 0;
        int cellHeight = 0;
        for (BufferedImage tile : tiles) {
            cellWidth = Math.max(cellWidth, tile.getWidth());
            cellHeight = Math.max(cellHeight, tile.getHeight());
        }
        int labelLines = labels.stream().mapToInt(List::size).max().orElse(0);
        sections.add(new Section(caption, List.copyOf(tiles), List.copyOf(labels), Math.min(columns, tiles.size()),
                cellWidth, cellHeight, labelLines));
        return this;
    }

    /** Where tile {@code tile} of section {@code section} is drawn in {@link #render()}'s picture. */
    public Rectangle tileBounds(int section, int tile) {
        Section s = sections.get(section);
        BufferedImage image = s.tiles().get(tile);
        int top = sectionTop(section) + CAPTION_HEIGHT;
        int row = tile / s.columns();
        int column = tile % s.columns();
        int x = MARGIN + column * (s.cellWidth() + GAP);
        int y = top + row * (s.cellHeight() + s.labelLines() * LABEL_LINE_HEIGHT + GAP);
        return new Rectangle(x, y, image.getWidth(), image.getHeight());
    }

    private int headerHeight() {
        return MARGIN + TITLE_HEIGHT + notes.size() * NOTE_HEIGHT + SECTION_GAP;
    }

    private int sectionTop(int section) {
        int y = headerHeight();
        for (int i = 0; i < section; i++) {
            y += sections.get(i).height() + SECTION_GAP;
        }
        return y;
    }

    /** The picture: wide enough for every grid, the title, the notes and the captions. */
    public BufferedImage render() {
        int contentWidth = Text.width(title, Text.TITLE);
        for (String note : notes) {
            contentWidth = Math.max(contentWidth, Text.width(note, Text.SMALL));
        }
        for (Section s : sections) {
            contentWidth = Math.max(contentWidth, Math.max(s.gridWidth(), Text.width(s.caption(), Text.BODY)));
        }
        int width = 2 * MARGIN + contentWidth;
        int height = sections.isEmpty() ? headerHeight() + MARGIN : sectionTop(sections.size()) - SECTION_GAP + MARGIN;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Text.graphics(image);
        try {
            g.setColor(new Color(PAGE));
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(INK));
            Text.draw(g, title, Text.TITLE, MARGIN, MARGIN, contentWidth);
            for (int i = 0; i < notes.size(); i++) {
                Text.draw(g, notes.get(i), Text.SMALL, MARGIN, MARGIN + TITLE_HEIGHT + i * NOTE_HEIGHT, contentWidth);
            }
            for (int i = 0; i < sections.size(); i++) {
                drawSection(g, i, contentWidth);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private void drawSection(Graphics2D g, int index, int contentWidth) {
        Section s = sections.get(index);
        g.setColor(new Color(INK));
        Text.draw(g, s.caption(), Text.BODY, MARGIN, sectionTop(index), contentWidth);
        for (int t = 0; t < s.tiles().size(); t++) {
            Rectangle r = tileBounds(index, t);
            g.setColor(new Color(FRAME));
            g.drawRect(r.x - 1, r.y - 1, r.width + 1, r.height + 1);
            g.drawImage(s.tiles().get(t), r.x, r.y, null);
            if (!s.labels().isEmpty()) {
                g.setColor(new Color(INK));
                List<String> lines = s.labels().get(t);
                int top = r.y + s.cellHeight() + 1;
                for (int line = 0; line < lines.size(); line++) {
                    Text.draw(g, lines.get(line), Text.SMALL, r.x, top + line * LABEL_LINE_HEIGHT,
                            s.cellWidth() + GAP - 1);
                }
            }
        }
    }
}
