namespace PppTui.Tui.Output;

/// <summary>
/// ASCII stand-ins for the UTF-8 symbols Terminal.Gui and our panes draw, for terminals in a
/// non-UTF-8 locale where those bytes would arrive as garbage: frames as + - |, arrows and marks as
/// the nearest ASCII letter. Every stand-in keeps the columns the original took, so panes stay aligned.
/// </summary>
public static class AsciiGlyphs
{
    public static string For(string grapheme, int width)
    {
        char mapped = grapheme.Length == 1 ? Map(grapheme[0]) : '?';
        return width > 1 ? new string(mapped, width) : mapped.ToString();
    }

    private static char Map(char c) => c switch
    {
        // Box drawing: horizontal and vertical lines, then every corner, tee and cross.
        '─' or '━' or '┄' or '┅' or '┈' or '┉' or '╌' or '╍' or '═' or '╴' or '╶' or '╸' or '╺' or '╼' or '╾' => '-',
        '│' or '┃' or '┆' or '┇' or '┊' or '┋' or '╎' or '╏' or '║' or '╵' or '╷' or '╹' or '╻' or '╽' or '╿' => '|',
        '╱' => '/',
        '╲' => '\\',
        '╳' => 'X',
        >= '\u2500' and <= '\u257F' => '+',
        // Blocks and shades (scroll bars, progress).
        >= '\u2580' and <= '\u259F' => '#',
        '▲' or '△' or '↑' or '˄' => '^',
        '▼' or '▽' or '↓' or '˅' => 'v',
        '►' or '▶' or '▸' or '→' or '»' or '❯' => '>',
        '◄' or '◀' or '◂' or '←' or '«' or '❮' => '<',
        '↔' => '=',
        '·' or '…' or '•' or '∙' or '⋯' => '.',
        '☑' or '☒' or '✓' or '✔' or '✖' or '✗' or '◉' or '●' => 'x',
        '☐' or '○' or '◯' => ' ',
        '↻' => '@',
        '\u00A0' => ' ',
        _ => '?',
    };
}
