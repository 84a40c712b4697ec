namespace PppTui.Core.Localization;

/// <summary>
/// The language ppptui speaks: chosen once at start from <c>--lang</c> or the locale
/// (<c>LC_ALL</c>, <c>LC_MESSAGES</c>, <c>LANG</c>, first one set wins, as in POSIX), read by
/// <see cref="Msg"/> for every string a user reads.
/// </summary>
public static class UiLanguage
{
    /// <summary>The source language of every message.</summary>
    public const string English = "en";

    /// <summary>Simplified Chinese.</summary>
    public const string SimplifiedChinese = "zh-CN";

    /// <summary>The languages a catalog exists for, English first.</summary>
    public static IReadOnlyList<string> Supported { get; } = [English, SimplifiedChinese];

    /// <summary>The language messages are shown in now.</summary>
    public static string Current { get; set; } = English;

    /// <summary>
    /// The supported language a locale or <c>--lang</c> value names, or null when it names none
    /// (a language without a catalog, or not a locale at all). zh_CN, zh_SG, zh_Hans (with any
    /// encoding or modifier, "_" or "-") mean Simplified Chinese; zh_TW and zh_HK are Traditional
    /// and get English rather than the wrong script; C and POSIX mean English.
    /// </summary>
    public static string? FromLocale(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale)) return null;
        // "zh_CN.UTF-8@pinyin" -> "zh-cn"
        var name = locale.Trim();
        int cut = name.IndexOfAny(['.', '@']);
        if (cut >= 0) name = name[..cut];
        name = name.Replace('_', '-').ToLowerInvariant();
        return name switch
        {
            "c" or "posix" or "en" => English,
            _ when name.StartsWith("en-", StringComparison.Ordinal) => English,
            "zh" or "zh-cn" or "zh-sg" or "zh-hans" or "zh-hans-cn" or "zh-hans-sg" => SimplifiedChinese,
            _ => null,
        };
    }

    /// <summary>
    /// The language to speak: <paramref name="option"/> (<c>--lang</c>) when given, else the first
    /// of LC_ALL, LC_MESSAGES, LANG that is set; English when the chosen one has no catalog.
    /// </summary>
    /// <param name="option">The <c>--lang</c> value, or null.</param>
    /// <param name="environment">Reads an environment variable (<see cref="Environment.GetEnvironmentVariable(string)"/>).</param>
    public static string Choose(string? option, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(option)) return FromLocale(option) ?? English;
        foreach (var variable in new[] { "LC_ALL", "LC_MESSAGES", "LANG" })
            if (environment(variable) is { Length: > 0 } value) return FromLocale(value) ?? English;
        return English;
    }

    /// <summary>The .NET culture name Terminal.Gui's own strings are looked up with (it ships zh-Hans).</summary>
    public static string CultureName(string language) => language == SimplifiedChinese ? "zh-Hans" : "en-US";

    /// <summary>
    /// Speaks <paramref name="language"/>: our messages, and the UI culture the libraries look their
    /// own strings up with (System.CommandLine's help and parse errors, Terminal.Gui's buttons).
    /// </summary>
    public static void Speak(string language)
    {
        Current = language;
        CultureInfo.CurrentUICulture = new CultureInfo(CultureName(language));
    }

    /// <summary>Speaks <paramref name="language"/> until the result is disposed (tests, one-off output).</summary>
    public static IDisposable Use(string language)
    {
        var previous = Current;
        Current = language;
        return new Restore(previous);
    }

    private sealed class Restore(string previous) : IDisposable
    {
        public void Dispose() => Current = previous;
    }
}
