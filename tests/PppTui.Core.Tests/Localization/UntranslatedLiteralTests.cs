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

    /// <summary>How a command a user types starts: a doctor fix such as <c>apt-get install ppp</c> is one.</summary>
    private static readonly string[] CommandPrefixes = ["apt-get ", "printf ", "chmod ", "sudo ", "systemctl ", "journalctl ", "modprobe ", "ppptui "];

    [GeneratedRegex("""Msg\.[TF]\(""")] private static partial Regex MsgCall();
    [GeneratedRegex(@"\$?@?""(?:[^""\\]|\\.)*""")] private static partial Regex Literal();
    [GeneratedRegex(@"\{[^}]*\}")] private static partial Regex Hole();
    [GeneratedRegex("""\b(Notice|ShowNotice|Confirm|RunAction|RunInBackground|RunIfAllowed)\(""")] private static partial Regex SinkCall();
    [GeneratedRegex("""(?:\breturn|\?)\s+(\$?"(?:[^"\\]|\\.)*")\s*[;:]""")] private static partial Regex ReturnedText();
    [GeneratedRegex("""new KeyEntry\([^"]*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"|GoTo\([^"]*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"\)""")] private static partial Regex KeyTableText();
    [GeneratedRegex("""^\s*\[GeneratedRegex""", RegexOptions.Multiline)] private static partial Regex RegexAttribute();
    // Errors users read: the CLI's refusals, core exceptions, a TUI action's failure, a doctor finding.
    [GeneratedRegex("""\b(Fail|CliError|UserError|ActionResult\.Ok|PppTuiException|NeedsRootException|LogSourceException|LinkRefusedException|DoctorCheck\.(?:Ok|Warn|Skip))\(""")] private static partial Regex ErrorCall();
    // What the CLI prints, and its verb, option and argument descriptions.
    [GeneratedRegex("""\.WriteLine\(|\.Write\(|\bDescription\s*=|\bnew (?:Root)?Command\(|\bNameArgument\(""")] private static partial Regex CliOutput();
    [GeneratedRegex("[A-Za-z]{3,}")] private static partial Regex Word();
    [GeneratedRegex("""\bbase\(""")] private static partial Regex BaseCall();

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

    /// <summary>
    /// Prose in an error or in CLI output: at least two words of three letters or more between the
    /// holes. A command to type (<c>chmod 600 {path}</c>), a program name with a colon or a column
    /// of holes is not; a sentence is.
    /// </summary>
    private static bool IsSentence(string literal)
    {
        var body = literal.TrimStart('$', '@').Trim('"');
        if (literal.StartsWith('$')) body = Hole().Replace(body, "");
        body = body.Trim();
        // A command to type stays as written (docs/glossary.zh-CN.md), words and all.
        if (CommandPrefixes.Any(c => body.StartsWith(c, StringComparison.Ordinal))) return false;
        return !AllowList.Contains(body) && body.Contains(' ') && Word().Matches(body).Count >= 2;
    }

    /// <summary>Sentences left as literals in the arguments of each call <paramref name="sink"/> finds.</summary>
    private static IEnumerable<string> SentencesIn(string source, string fileName, Regex sink, string what)
    {
        static int Line(string s, int index) => s.AsSpan(0, index).Count('\n') + 1;
        foreach (Match call in sink.Matches(source))
        {
            var open = source.IndexOf('(', call.Index);
            var eq = source.IndexOf('=', call.Index);
            // "Description = ..." runs to the end of its line; a call, to its closing parenthesis.
            var args = call.Value.Contains('=')
                ? source[eq..Math.Max(source.IndexOf('\n', eq), eq)]
                : Balanced(source, open);
            foreach (Match lit in Literal().Matches(WithoutLookups(args)))
                if (IsSentence(lit.Value)) yield return $"{fileName}:{Line(source, call.Index)}: {what} {lit.Value}";
        }
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

        // A base constructor call carries an exception's message too.
        var errorSink = fileName.Contains("Exception", StringComparison.Ordinal) ? BaseCall() : null;
        foreach (var found in SentencesIn(source, fileName, ErrorCall(), "error text")) yield return found;
        if (errorSink is not null)
            foreach (var found in SentencesIn(source, fileName, errorSink, "error text")) yield return found;
        if (fileName.Contains($"Cli{Path.DirectorySeparatorChar}", StringComparison.Ordinal) || fileName.Contains("Cli/", StringComparison.Ordinal))
            foreach (var found in SentencesIn(source, fileName, CliOutput(), "CLI text")) yield return found;

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
    public void The_scan_catches_an_English_error_CLI_line_description_and_doctor_finding()
    {
        const string cli = """
            return ctx.Fail(ExitCodes.Usage, "--wait must be a positive number of seconds");
            ctx.Out.WriteLine($"Saved profile {name}; its files already say this.");
            var watch = new Option<bool>("--watch") { Description = "Refresh on every change of a link" };
            var command = new Command("status", "Show running links and their routes") { name };
            ctx.Out.WriteLine(Msg.F("Saved profile {0}.", name));
            if (check.Fix is { } fix) output.WriteLine($"        {"",-22} " + Msg.F("fix:  {0}", fix));
            w.WriteLine("  " + Columns.Fit(label, 9) + $"rx {Bytes(rx)}  tx {Bytes(tx)}");
            """;
        var found = Offenders(cli, "src/PppTui/Cli/X.cs").ToList();
        Assert.Equal(4, found.Count);
        Assert.Contains(found, f => f.Contains("--wait must be", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains("Saved profile {name}", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains("Refresh on every change", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains("Show running links", StringComparison.Ordinal));

        const string core = """
            throw new PppTuiException($"secrets file {path} does not exist", "Give the path of a file.");
            : base(write ? $"{action} needs write access to {path}" : Msg.F("{0} needs read access", action), Msg.T("Run it as root."))
            return DoctorCheck.Ok(id, title, "only its owner can read it") with { Evidence = evidence };
            return DoctorCheck.Fail(id, title, Msg.T("Readable by all."), $"chmod 600 {systemPath}");
            """;
        var errors = Offenders(core, "src/PppTui.Core/PppTuiException.cs").ToList();
        Assert.Equal(4, errors.Count);
        Assert.DoesNotContain(errors, f => f.Contains("chmod", StringComparison.Ordinal));
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
