using System.Collections.Frozen;

namespace PppTui.Core.Localization;

/// <summary>
/// The message catalog. The English text is the key (so the source reads as it always did and
/// English output stays byte-identical); each other language maps it to its translation in a
/// plain dictionary compiled into the program: no resource lookup by reflection, nothing for
/// trimming to remove. A text with no translation is shown in English.
/// </summary>
/// <remarks>
/// Keys must be literals (never interpolated): placeholders are <c>{0}</c>, <c>{1}</c>, filled by
/// <see cref="F"/>. A test reads every <c>Msg.T</c> and <c>Msg.F</c> call with a literal in the
/// sources and fails when one has no zh-CN entry or the placeholders differ.
/// </remarks>
public static class Msg
{
    private static readonly FrozenDictionary<string, string> Empty = FrozenDictionary<string, string>.Empty;

    /// <summary>The text in the current language (<see cref="UiLanguage.Current"/>), or the English text itself.</summary>
    public static string T(string english) => In(UiLanguage.Current, english);

    /// <summary><see cref="T"/> with its <c>{0}</c> placeholders filled (invariant formatting: numbers as pppd writes them).</summary>
    public static string F(string english, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, T(english), args);

    /// <summary>The text in <paramref name="language"/>, or the English text when it has no translation.</summary>
    public static string In(string language, string english) =>
        Translations(language).TryGetValue(english, out var translated) ? translated : english;

    /// <summary>Every translation of <paramref name="language"/>, keyed by the English text (empty for English).</summary>
    public static IReadOnlyDictionary<string, string> Translations(string language) =>
        language == UiLanguage.SimplifiedChinese ? ZhCn.Entries : Empty;
}
