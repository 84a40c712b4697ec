using Terminal.Gui.Drawing;
using Terminal.Gui.Text;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace PppTui.Tui.Output;

/// <summary>
/// Turns Terminal.Gui's cell buffer into the fewest bytes for the terminal: it remembers what the
/// terminal shows and writes only the cells that differ, moves the cursor only across gaps, sends an
/// attribute sequence only where the attribute changes, encodes colours at the terminal's depth and,
/// outside a UTF-8 locale, draws frames and symbols in ASCII. A frame with nothing changed is empty.
/// </summary>
public sealed class FrameEncoder(TerminalCapabilities capabilities)
{
    private const string Csi = "\u001b[";

    /// <summary>What the terminal shows: text per cell (null = unknown) and its attribute (null = the terminal's default).</summary>
    private string?[,] _shown = new string?[0, 0];
    private Attribute?[,] _shownAttribute = new Attribute?[0, 0];

    /// <summary>The attribute the terminal draws with now; unknown after foreign output.</summary>
    private Attribute? _pen;
    private bool _penKnown;

    /// <summary>Caps the depth at 16 colours (the theme's 16-colour switch).</summary>
    public bool Force16Colors { get; set; }

    public TerminalCapabilities Capabilities { get; } = capabilities;

    /// <summary>Where the terminal's cursor is, or null when unknown.</summary>
    public (int Row, int Col)? CursorAt { get; private set; }

    /// <summary>The terminal was cleared (alternate screen, ESC[2J): all blank in the default attribute, cursor at the top left.</summary>
    public void Cleared(int rows, int cols)
    {
        _shown = new string?[rows, cols];
        _shownAttribute = new Attribute?[rows, cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                _shown[r, c] = " ";
        _pen = null;
        _penKnown = true;
        CursorAt = (0, 0);
    }

    /// <summary>The terminal's content is unknown (it was cleared or replaced behind our back): the next frame is sent whole.</summary>
    public void Invalidate()
    {
        for (int r = 0; r < _shown.GetLength(0); r++)
            for (int c = 0; c < _shown.GetLength(1); c++)
                _shown[r, c] = null;
        ForeignOutput();
    }

    /// <summary>Something else wrote to the terminal: where the cursor is and which attribute is set are no longer known.</summary>
    public void ForeignOutput()
    {
        _penKnown = false;
        CursorAt = null;
    }

    /// <summary>The cursor was moved to <paramref name="row"/>, <paramref name="col"/> by the caller.</summary>
    public void MovedTo(int row, int col) => CursorAt = (row, col);

    /// <summary>The bytes that bring the terminal from what it shows to <paramref name="contents"/>; empty when nothing changed.</summary>
    public string Encode(Cell[,] contents)
    {
        int rows = contents.GetLength(0), cols = contents.GetLength(1);
        var output = new StringBuilder();
        if (_shown.GetLength(0) != rows || _shown.GetLength(1) != cols)
        {
            // A new size: the terminal's old content is reflowed or gone, so start from a clean screen.
            output.Append(Csi).Append("0m").Append(Csi).Append("2J").Append(Csi).Append('H');
            Cleared(rows, cols);
        }
        for (int row = 0; row < rows; row++)
        {
            for (int col = 0; col < cols; col++)
            {
                Cell cell = contents[row, col];
                string text = Glyph(cell.Grapheme, out int width);
                Attribute? attribute = Normalize(cell.Attribute);
                bool wide = width > 1 && col + 1 < cols;
                if (_shown[row, col] == text && _shownAttribute[row, col] == attribute && (!wide || _shown[row, col + 1] == ""))
                {
                    // The next column is this character's second half: comparing it on its own would
                    // send a blank there and erase the character on the terminal.
                    if (wide) col++;
                    continue;
                }
                MoveTo(output, row, col);
                SetPen(output, attribute);
                output.Append(text);
                _shown[row, col] = text;
                _shownAttribute[row, col] = attribute;
                if (wide)
                {
                    // The second column belongs to the wide character; the terminal advanced over it.
                    col++;
                    _shown[row, col] = "";
                    _shownAttribute[row, col] = attribute;
                }
                CursorAt = col + 1 < cols ? (row, col + 1) : null;
            }
        }
        return output.ToString();
    }

    private void MoveTo(StringBuilder output, int row, int col)
    {
        if (CursorAt == (row, col)) return;
        if (CursorAt is { } at && at.Row == row && at.Col < col)
            output.Append(Csi).Append(col - at.Col == 1 ? "" : (col - at.Col).ToString()).Append('C');
        else
            output.Append(Csi).Append(row + 1).Append(';').Append(col + 1).Append('H');
        CursorAt = (row, col);
    }

    /// <summary>A cell in the terminal's default colours and no style is drawn as "default", whatever Terminal.Gui called it.</summary>
    private static Attribute? Normalize(Attribute? attribute) =>
        attribute is { } a && a.Foreground == Color.None && a.Background == Color.None && a.Style == TextStyle.None ? null : attribute;

    private void SetPen(StringBuilder output, Attribute? attribute)
    {
        if (_penKnown && _pen == attribute) return;
        var codes = new StringBuilder();
        TextStyle style = StyleOf(attribute);
        if (!_penKnown || StyleOf(_pen) != style)
        {
            // Turning a style off has a code per style; one reset is shorter and always right.
            codes.Append('0');
            foreach (var (flag, code) in StyleCodes)
                if (style.HasFlag(flag)) codes.Append(';').Append(code);
            AppendColor(codes, attribute?.Foreground, foreground: true, reset: true);
            AppendColor(codes, attribute?.Background, foreground: false, reset: true);
        }
        else
        {
            if ((_pen?.Foreground ?? Color.None) != (attribute?.Foreground ?? Color.None)) AppendColor(codes, attribute?.Foreground, foreground: true, reset: false);
            if ((_pen?.Background ?? Color.None) != (attribute?.Background ?? Color.None)) AppendColor(codes, attribute?.Background, foreground: false, reset: false);
        }
        _pen = attribute;
        _penKnown = true;
        if (codes.Length == 0) return;
        output.Append(Csi).Append(codes).Append('m');
    }

    private static readonly (TextStyle Flag, int Code)[] StyleCodes =
    [
        (TextStyle.Bold, 1), (TextStyle.Faint, 2), (TextStyle.Italic, 3), (TextStyle.Underline, 4),
        (TextStyle.Blink, 5), (TextStyle.Reverse, 7), (TextStyle.Strikethrough, 9),
    ];

    private ColorDepth Depth => Force16Colors && Capabilities.Colors > ColorDepth.Colors16 ? ColorDepth.Colors16 : Capabilities.Colors;

    /// <summary>
    /// The style as sent. Without colour a highlighted cell (a background lighter than its text, as the
    /// menu bar, the focused row and buttons have) is shown in reverse video, the way vt100 screens did.
    /// </summary>
    private TextStyle StyleOf(Attribute? attribute)
    {
        if (attribute is not { } a) return TextStyle.None;
        if (Depth != ColorDepth.None) return a.Style;
        bool highlighted = Lightness(a.Background, dflt: 0) > Lightness(a.Foreground, dflt: 192);
        return highlighted ? a.Style ^ TextStyle.Reverse : a.Style;
    }

    private static int Lightness(Color color, int dflt) => color == Color.None ? dflt : (color.R * 3 + color.G * 6 + color.B) / 10;

    private void AppendColor(StringBuilder codes, Color? color, bool foreground, bool reset)
    {
        if (Depth == ColorDepth.None) return;
        if (color is not { } c || c == Color.None)
        {
            // After a reset the default is already set.
            if (!reset) Separate(codes).Append(foreground ? "39" : "49");
            return;
        }
        Separate(codes);
        switch (Depth)
        {
            case ColorDepth.TrueColor:
                codes.Append(foreground ? "38;2;" : "48;2;").Append(c.R).Append(';').Append(c.G).Append(';').Append(c.B);
                break;
            case ColorDepth.Colors256:
                codes.Append(foreground ? "38;5;" : "48;5;").Append(Palette.Index256(c.R, c.G, c.B));
                break;
            default:
                int index = Palette.Index16(c);
                codes.Append((index < 8 ? (foreground ? 30 : 40) : (foreground ? 90 : 100)) + index % 8);
                break;
        }
    }

    private static StringBuilder Separate(StringBuilder codes) => codes.Length > 0 ? codes.Append(';') : codes;

    private string Glyph(string? grapheme, out int width)
    {
        if (string.IsNullOrEmpty(grapheme) || grapheme == "\0")
        {
            width = 1;
            return " ";
        }
        width = Math.Max(1, grapheme.GetColumns());
        if (Capabilities.Utf8 || grapheme.Length == 1 && grapheme[0] < 128) return grapheme;
        return AsciiGlyphs.For(grapheme, width);
    }
}
