namespace PppTui.Core.Tests.Localization;

/// <summary>
/// Reads the sources (no compiler needed) for English text that reaches the user without the
/// catalog: a literal handed to a notice, a confirmation, a background action's progress text,
/// a command's disabled reason, or a diagnosis cause/fix sentence. Non-user literals (busy keys,
/// codes, regexes, option names) are told apart by where they stand, plus <see cref="AllowList"/>.
/// </summary>
public partial class UntranslatedLiteralTests
{
    /// <summary>Literals that sit at a sink but are not prose for the user (kept small and explained).</summary>
    private static readonly HashSet<string> AllowList = new(StringComparer.Ordinal)
    {
        // A busy key: identifies a background action, never shown.
        "import",
    };

    [GeneratedRegex("""Msg\.[TF]\(""")] private static partial Regex MsgCall();
    [GeneratedRegex(@"\$?@?""(?:[^""\\]|\\.)*""")] private static partial Regex Literal();
    [GeneratedRegex(@"\{[^}]*\}")] private static partial Regex Hole();
    [GeneratedRegex("""\b(Notice|ShowNotice|Confirm|RunAction|RunInBackground|RunIfAllowed)\(""")] private static partial Regex SinkCall();
    [GeneratedRegex("""(?:\breturn|\?)\s+(\$?"(?:[^"\\]|\\.)*")\s*[;:]""")] private static partial Regex ReturnedText();
    [GeneratedRegex("""new KeyEntry\([^"]*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"|GoTo\([^"]*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"\)""")] private static partial Regex KeyTableText();
    [GeneratedRegex("""^\s*\[GeneratedRegex""", RegexOptions.Multiline)] private static partial Regex RegexAttribute();

    /// <summary>The text from <paramref name="open"/> (an opening parenthesis) to its matching close, skipping strings.</summary>
    private static string Balanced(string source, int open)
    {
        int depth = 0;
        for (int i = open; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '"')
            {
                for (i++; i < source.Length && source[i] != '"'; i++) if (source[i] == '\\') i++;
                continue;
            }
            if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return source[open..(i + 1)];
        }
        return source[open..];
    }

    /// <summary><paramref name="code"/> with every <c>Msg.T(...)</c>/<c>Msg.F(...)</c> call blanked out.</summary>
    private static string WithoutLookups(string code)
    {
        var text = new StringBuilder(code);
        foreach (Match m in MsgCall().Matches(code))
        {
            var call = Balanced(code, m.Index + m.Length - 1);
            for (int i = m.Index; i < m.Index + 6 + call.Length - 1 && i < text.Length; i++) text[i] = ' ';
        }
        return text.ToString();
    }

    private static bool IsProse(string literal, bool oneWordCounts)
    {
        var body = literal.TrimStart('$', '@').Trim('"');
        // In an interpolated string only the text between the holes is prose.
        if (literal.StartsWith('$')) body = Hole().Replace(body, "");
        if (AllowList.Contains(body) || !body.Any(char.IsLetter)) return false;
        return oneWordCounts || body.Contains(' ');
    }

    /// <summary>Every untranslated user-facing literal in one source file: "line: text".</summary>
    public static IEnumerable<string> Offenders(string source, string fileName)
    {
        static int Line(string s, int index) => s.AsSpan(0, index).Count('\n') + 1;

        foreach (Match sink in SinkCall().Matches(source))
        {
            var args = WithoutLookups(Balanced(source, sink.Index + sink.Length - 1));
            // Background actions take a busy key first (one word, never shown): only prose counts there.
            var oneWord = sink.Groups[1].Value is "Notice" or "ShowNotice" or "Confirm";
            foreach (Match lit in Literal().Matches(args))
                if (IsProse(lit.Value, oneWord)) yield return $"{fileName}:{Line(source, sink.Index)}: {sink.Groups[1].Value}({lit.Value}";
        }

        if (fileName.Contains("Commands", StringComparison.Ordinal))
            foreach (Match m in ReturnedText().Matches(WithoutLookups(source)))
                if (IsProse(m.Groups[1].Value, oneWordCounts: true)) yield return $"{fileName}:{Line(source, m.Index)}: disabled reason {m.Groups[1].Value}";

        if (fileName.Contains("Diagnos", StringComparison.Ordinal))
        {
            // A cause or a fix is a sentence: words with a full stop. Rule codes, keywords and pppd's
            // own messages (the evidence) are not, and regex attributes are pppd's text.
            var code = RegexAttribute().Replace(WithoutLookups(source), "//");
            foreach (Match lit in Literal().Matches(code))
            {
                var body = lit.Value.TrimStart('$', '@').Trim('"');
                var lineStart = code.LastIndexOf('\n', lit.Index) + 1;
                if (code.AsSpan(lineStart, lit.Index - lineStart).Contains("//", StringComparison.Ordinal)) continue;
                if (body.EndsWith('.') && body.Count(c => c == ' ') >= 2 && !AllowList.Contains(body))
                    yield return $"{fileName}:{Line(source, lit.Index)}: diagnosis text {lit.Value}";
            }
        }
    }

    private static IEnumerable<(string Path, string Text)> Sources() =>
        Directory.EnumerateFiles(Path.Combine(CatalogTests.RepositoryRoot(), "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (f, File.ReadAllText(f)));

    [Fact]
    public void No_notice_confirmation_disabled_reason_or_diagnosis_text_bypasses_the_catalog()
    {
        var sources = Sources().ToList();
        Assert.True(sources.Count > 50, "the scan found only " + sources.Count + " source files");
        var offenders = sources.SelectMany(s => Offenders(s.Text, Path.GetRelativePath(CatalogTests.RepositoryRoot(), s.Path))).ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void The_scan_catches_a_new_notice_written_in_plain_English()
    {
        const string code = """
            host.Notice("Some text", Tone.Muted);
            host.Notice(Msg.T("Translated text"), Tone.Muted);
            host.RunAction("link:" + name, "Connecting now…", Msg.F("Connect {0}", name), Work, null);
            """;
        var found = Offenders(code, "src/PppTui/Tui/Commands/X.cs").ToList();
        Assert.Equal(2, found.Count);
        Assert.Contains(found, f => f.Contains("\"Some text\"", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains("\"Connecting now…\"", StringComparison.Ordinal));
    }

    [Fact]
    public void The_scan_catches_a_disabled_reason_and_a_diagnosis_sentence_left_in_English()
    {
        Assert.Single(Offenders("""if (x) return "select something first";""", "src/PppTui/Tui/Commands/X.cs"));
        Assert.Single(Offenders("""(_, _) => ("The modem is on fire.", Msg.T("Put it out.")))""", "src/PppTui.Core/Diagnoses/X.cs"));
        Assert.Empty(Offenders("""LineRule("modem-fire", Failure, 10, "on fire", Fire(), Text)""", "src/PppTui.Core/Diagnoses/X.cs"));
    }

    [Fact]
    public void Every_key_table_label_and_help_text_has_a_zh_CN_entry()
    {
        // Key entries hold English and are looked up when shown: the literal itself must be a catalog key.
        var zh = Msg.Translations(UiLanguage.SimplifiedChinese);
        var texts = Sources().SelectMany(s => KeyTableText().Matches(s.Text))
            .SelectMany(m => m.Groups.Values.Skip(1).Where(g => g.Success).Select(g => Regex.Unescape(g.Value)))
            .ToList();
        Assert.True(texts.Count > 40, "the scan found only " + texts.Count + " key table texts");
        Assert.Empty(texts.Where(t => !zh.ContainsKey(t)).Distinct());
    }
}
