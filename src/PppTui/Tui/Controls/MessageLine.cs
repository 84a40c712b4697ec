using PppTui.Tui.Models;
using PppTui.Tui.Themes;

namespace PppTui.Tui.Controls;

/// <summary>The line above the status bar: the latest notice or error, or a hint while there is no news.</summary>
public sealed class MessageLine : ToneText
{
    /// <summary>What the line says when there is no news.</summary>
    public const string IdleHint = "F1 help · F9 menu · F6 or Alt+1…6 panes · F11 zoom";

    public MessageLine() => Show(IdleHint, Tone.Muted);

    public void Show(string text, Tone tone) => (Content, Tone) = (text, tone);

    /// <summary>Shows every error the log gets from now on, and the latest one it already has (a profile that did not load at start).</summary>
    public void FollowErrors(ScreenContext context)
    {
        context.Errors.Reported += (_, error) => context.Post(() => ShowError(error));
        if (context.Errors.Latest is { } earlier) ShowError(earlier);
    }

    private void ShowError(UserError error) => Show($"✖ {error.What}: {error.Cause}  (F12: cause and fix)", Tone.Bad);
}
