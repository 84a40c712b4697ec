namespace PppTui.Tui.Controls;

/// <summary>The line above the status bar: the latest notice or error, or a hint while there is no news.</summary>
public sealed class MessageLine : ToneText
{
    /// <summary>What the line says when there is no news.</summary>
    public const string IdleHint = "F1 help · F9 menu · F6 or Alt+1…6 panes · F11 zoom";

    public MessageLine() => Show(Msg.T(IdleHint), Tone.Muted);

    public void Show(string text, Tone tone) => (Content, Tone) = (text, tone);

    /// <summary>Shows every error the log gets from now on, and the latest one it already has (a profile that did not load at start).</summary>
    public void FollowErrors(ScreenContext context)
    {
        context.Errors.Reported += (_, error) => context.Post(() => ShowError(error));
        if (context.Errors.Latest is { } earlier) ShowError(earlier);
    }

    private const string ErrorHint = "  (F12: cause and fix)";

    private void ShowError(UserError error) => Show($"✖ {error.What}: {error.Cause}{ErrorHint}", Tone.Bad);

    /// <summary>
    /// A message wider than the screen ends at a word with "…", and an error keeps its F12 hint:
    /// on 80 columns the hint is how the user reaches the rest.
    /// </summary>
    protected override string Shown(string line, int width)
    {
        if (Columns.Width(line) <= width) return line;
        var hint = line.EndsWith(ErrorHint, StringComparison.Ordinal) ? ErrorHint : "";
        var body = line[..^hint.Length];
        int room = width - Columns.Width(hint) - 1;
        if (room < 8) return Columns.Ellipsize(line, width);
        var cut = Columns.Fit(body, room);
        bool atWordEnd = body.StartsWith(cut, StringComparison.Ordinal) && body.Length > cut.Length && body[cut.Length] == ' ';
        int space = cut.LastIndexOf(' ');
        if (!atWordEnd && space > room / 2) cut = cut[..space];
        cut = cut.TrimEnd(' ', ',', ';', ':');
        return cut + "…" + hint;
    }
}
