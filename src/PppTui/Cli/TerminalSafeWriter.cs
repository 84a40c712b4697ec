namespace PppTui.Cli;

/// <summary>
/// The one place control characters are escaped: everything a verb prints (values from
/// hand-edited profiles and peers files, log lines, errors) passes through here, and every
/// control character but the line break and the tab (escape, carriage return, backspace, bell,
/// DEL, the C1 range) is shown as <c>\xNN</c>, so a file's text cannot move the cursor, recolour
/// or clear the terminal, or hide what is printed before it.
/// </summary>
public sealed class TerminalSafeWriter(TextWriter inner) : TextWriter(CultureInfo.InvariantCulture)
{
    /// <summary>The stream underneath, for the one deliberate control sequence (status --watch clearing its screen).</summary>
    public TextWriter Inner { get; } = inner;

    public override Encoding Encoding => Inner.Encoding;

    public static bool NeedsEscape(char c) => c is < ' ' and not ('\n' or '\t') or '\u007f' or >= '\u0080' and <= '\u009f';

    /// <summary>The text with each control character written as \xNN.</summary>
    public static string Escape(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\0', '\u001f') && !text.AsSpan().ContainsAnyInRange('\u007f', '\u009f')) return text;
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (NeedsEscape(c)) builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            else builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>A value shown on one line of a listing (show): its line breaks and tabs are
    /// escaped too, so a hand-edited "a\nb" cannot pass for a second line.</summary>
    public static string OneLine(string text) =>
        text.AsSpan().IndexOfAny('\n', '\t') < 0 ? text : text.Replace("\n", "\\x0a", StringComparison.Ordinal).Replace("\t", "\\x09", StringComparison.Ordinal);

    public override void Write(char value)
    {
        if (NeedsEscape(value)) Inner.Write(Escape(value.ToString()));
        else Inner.Write(value);
    }

    public override void Write(string? value)
    {
        if (value is not null) Inner.Write(Escape(value));
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value)
    {
        Write(value);
        Inner.WriteLine();
    }

    public override void WriteLine() => Inner.WriteLine();

    public override void Flush() => Inner.Flush();
}
