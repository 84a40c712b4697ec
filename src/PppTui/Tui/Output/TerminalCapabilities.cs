namespace PppTui.Tui.Output;

/// <summary>How many colours the terminal can show, from none (vt100, NO_COLOR) to 24-bit.</summary>
public enum ColorDepth
{
    None,
    Colors16,
    Colors256,
    TrueColor,
}

/// <summary>
/// What the terminal said it can do, read from the environment the way admins' terminals announce
/// it: 24-bit colour only where COLORTERM says so, 256 colours where TERM says so, 16 on the Linux
/// console and other xterm-likes, none on vt100/vt220, TERM=dumb or under NO_COLOR; UTF-8 only when
/// the locale (LC_ALL, else LC_CTYPE, else LANG) names it.
/// </summary>
public sealed record TerminalCapabilities(ColorDepth Colors, bool Utf8)
{
    public static TerminalCapabilities FromEnvironment() => Detect(Environment.GetEnvironmentVariable);

    public static TerminalCapabilities Detect(Func<string, string?> env) => new(DetectColors(env), DetectUtf8(env));

    private static ColorDepth DetectColors(Func<string, string?> env)
    {
        if (!string.IsNullOrEmpty(env("NO_COLOR"))) return ColorDepth.None;
        string term = (env("TERM") ?? "").ToLowerInvariant();
        if (term is "" or "dumb" || term.StartsWith("vt1", StringComparison.Ordinal) || term.StartsWith("vt2", StringComparison.Ordinal))
            return ColorDepth.None;
        string colorTerm = (env("COLORTERM") ?? "").ToLowerInvariant();
        if (colorTerm is "truecolor" or "24bit") return ColorDepth.TrueColor;
        if (term.StartsWith("linux", StringComparison.Ordinal)) return ColorDepth.Colors16;
        return term.Contains("256color", StringComparison.Ordinal) ? ColorDepth.Colors256 : ColorDepth.Colors16;
    }

    private static bool DetectUtf8(Func<string, string?> env)
    {
        // The first variable that is set decides, as in setlocale(LC_CTYPE, "").
        foreach (string name in (string[])["LC_ALL", "LC_CTYPE", "LANG"])
        {
            string? value = env(name);
            if (string.IsNullOrEmpty(value)) continue;
            string normalized = value.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal);
            return normalized.Contains("utf8", StringComparison.Ordinal);
        }
        return false;
    }
}
