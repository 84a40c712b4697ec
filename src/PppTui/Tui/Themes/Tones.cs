using Terminal.Gui.Configuration;
using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;
using Terminal.Gui.ViewBase;

namespace PppTui.Tui.Themes;

/// <summary>What a piece of text means, which the theme turns into a colour or a text style.</summary>
public enum Tone { Normal, Good, Bad, Warning, Muted, Marked, Heading }

/// <summary>Looks tones up in the current theme, keeping the pane's own background.</summary>
public static class Tones
{
    public static Attribute For(View view, Tone tone)
    {
        var normal = view.GetAttributeForRole(VisualRole.Normal);
        if (tone == Tone.Normal) return normal;
        if (!SchemeManager.TryGetScheme(tone.ToString(), out var scheme) || scheme is null) return normal;
        var t = scheme.Normal;
        return new Attribute(t.Foreground, normal.Background, t.Style);
    }

    /// <summary>The banner keeps its own background: it must stand out from every pane.</summary>
    public static Attribute Banner(View view)
    {
        if (SchemeManager.TryGetScheme("Banner", out var scheme) && scheme is not null) return scheme.Normal;
        return view.GetAttributeForRole(VisualRole.Focus);
    }
}
