using PppTui.Core.Doctor;

namespace PppTui.Core.Tests.Localization;

/// <summary>The language is process-wide: tests that switch it run while no other test runs.</summary>
[CollectionDefinition(nameof(LanguageSwitching), DisableParallelization = true)]
public sealed class LanguageSwitching;

[Collection(nameof(LanguageSwitching))]
public partial class CatalogTests
{
    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PppTui.sln"))) return dir.FullName;
        throw new InvalidOperationException("PppTui.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""Msg\.[TF]\(\s*(\$?)"((?:[^"\\]|\\.)*)"(\s*[,)])""")] private static partial Regex LookupCall();
    [GeneratedRegex(@"\{[A-Za-z0-9_]+(?:[,:][^}]*)?\}")] private static partial Regex Placeholder();

    /// <summary>Every literal the sources look up: (file, English text, interpolated?).</summary>
    public static IEnumerable<(string File, string Key, bool Interpolated)> SourceKeys()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "src"), "*.cs", SearchOption.AllDirectories))
            foreach (Match m in LookupCall().Matches(File.ReadAllText(file)))
                yield return (Path.GetFileName(file), Regex.Unescape(m.Groups[2].Value), m.Groups[1].Value == "$");
    }

    [Fact]
    public void Every_text_the_sources_look_up_has_a_zh_CN_entry()
    {
        var zh = Msg.Translations(UiLanguage.SimplifiedChinese);
        var keys = SourceKeys().ToList();
        Assert.True(keys.Count > 100, "the scan found only " + keys.Count + " lookups");
        Assert.Empty(keys.Where(k => k.Interpolated).Select(k => k.File + ": " + k.Key));
        Assert.Empty(keys.Where(k => !zh.ContainsKey(k.Key)).Select(k => k.File + ": " + k.Key).Distinct());
    }

    [Fact]
    public void Every_editor_field_label_help_and_section_of_every_kind_has_a_zh_CN_entry()
    {
        // Field labels and help are English data (the CLI's option names come from the same list),
        // looked up when shown: each text itself must be a catalog key.
        var zh = Msg.Translations(UiLanguage.SimplifiedChinese);
        var texts = KindRegistry.All.SelectMany(k => ProfileFields.PageFor(k.Kind)).Concat(ProfileFields.All)
            .SelectMany(f => new[] { f.Label, f.Help, f.Section }).Distinct().ToList();
        Assert.True(texts.Count > 60, "only " + texts.Count + " field texts found");
        var missing = texts.Where(t => !zh.ContainsKey(t)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void An_editor_field_is_shown_in_Chinese_with_the_kinds_extra_help_in_Chinese_too()
    {
        using var _ = UiLanguage.Use(UiLanguage.SimplifiedChinese);
        var mtu = ProfileFields.PageFor(ProfileKind.Pptp).Single(f => f.Key == "mtu");
        Assert.Equal("MTU", mtu.Label);
        Assert.Contains("新的 PPTP 配置", mtu.ShownHelp);
        Assert.Contains("= 1460", mtu.ShownHelp);
        Assert.DoesNotContain("Largest packet", mtu.ShownHelp);
        Assert.Equal("连接", ProfileFields.SectionTitle(ProfileFields.Connection));
    }

    [Fact]
    public void A_translation_has_the_same_placeholders_as_its_English_text()
    {
        static string Holes(string text) => string.Join(",", Placeholder().Matches(text).Select(m => m.Value).Distinct().Order());
        var wrong = Msg.Translations(UiLanguage.SimplifiedChinese)
            .Where(e => Holes(e.Key) != Holes(e.Value))
            .Select(e => $"{e.Key} -> {e.Value}");
        Assert.Empty(wrong);
    }

    [Fact]
    public void Every_zh_CN_entry_is_a_translation_not_a_copy_or_blank()
    {
        Assert.DoesNotContain(Msg.Translations(UiLanguage.SimplifiedChinese), e => string.IsNullOrWhiteSpace(e.Value) || e.Value == e.Key);
    }

    [Theory]
    [InlineData("zh_CN.UTF-8", "zh-CN")]
    [InlineData("zh_SG.UTF-8", "zh-CN")]
    [InlineData("zh_Hans", "zh-CN")]
    [InlineData("zh-CN", "zh-CN")]
    [InlineData("zh_CN.utf8@pinyin", "zh-CN")]
    [InlineData("en_US.UTF-8", "en")]
    [InlineData("C.UTF-8", "en")]
    [InlineData("POSIX", "en")]
    [InlineData("zh_TW.UTF-8", null)]
    [InlineData("de_DE.UTF-8", null)]
    [InlineData("", null)]
    public void A_locale_names_the_language_it_means(string locale, string? language) =>
        Assert.Equal(language, UiLanguage.FromLocale(locale));

    [Fact]
    public void LC_ALL_wins_over_LC_MESSAGES_which_wins_over_LANG_and_lang_wins_over_all()
    {
        static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
            name => vars.FirstOrDefault(v => v.Name == name).Value;

        Assert.Equal("zh-CN", UiLanguage.Choose(null, Env(("LANG", "zh_CN.UTF-8"))));
        Assert.Equal("en", UiLanguage.Choose(null, Env(("LC_MESSAGES", "C"), ("LANG", "zh_CN.UTF-8"))));
        Assert.Equal("zh-CN", UiLanguage.Choose(null, Env(("LC_ALL", "zh_SG.UTF-8"), ("LC_MESSAGES", "en_GB.UTF-8"), ("LANG", "C"))));
        Assert.Equal("en", UiLanguage.Choose("en", Env(("LC_ALL", "zh_CN.UTF-8"))));
        Assert.Equal("zh-CN", UiLanguage.Choose("zh-CN", Env(("LANG", "C"))));
        Assert.Equal("en", UiLanguage.Choose(null, Env()));
        Assert.Equal("en", UiLanguage.Choose(null, Env(("LANG", "fr_FR.UTF-8"))));
    }

    [Fact]
    public void A_text_without_a_translation_falls_back_to_English()
    {
        using var _ = UiLanguage.Use(UiLanguage.SimplifiedChinese);
        Assert.Equal("no such text in any catalog", Msg.T("no such text in any catalog"));
        Assert.Equal("连接", Msg.T("Connect"));
    }

    [Fact]
    public void A_diagnosis_reads_in_Chinese_while_the_log_line_it_explains_stays_as_pppd_wrote_it()
    {
        const string line = "MS-CHAP authentication failed: E=691 Authentication failure";
        var english = DiagnosisCatalog.MatchLine(line)!;
        Diagnosis chinese;
        using (UiLanguage.Use(UiLanguage.SimplifiedChinese))
            chinese = DiagnosisCatalog.MatchLine(line)!;

        Assert.Contains("wrong user name or password", english.Cause);
        Assert.Contains("认证失败", chinese.Cause);
        Assert.Contains("密码", chinese.Fix);
        Assert.Equal(line, chinese.Evidence);
        // The cache of line diagnoses does not answer in the language it was filled in.
        Assert.Contains("Authentication failed", DiagnosisCatalog.MatchLine(line)!.Cause);
    }

    [Fact]
    public void Every_pppd_exit_status_is_explained_in_Chinese()
    {
        using var _ = UiLanguage.Use(UiLanguage.SimplifiedChinese);
        foreach (var status in Enumerable.Range(0, 22).Append(127).Append(137).Append(99))
        {
            var d = DiagnosisCatalog.ForExitStatus(status);
            Assert.True(d.Cause.Any(c => c >= 0x4E00 && c <= 0x9FFF), $"status {status}: {d.Cause}");
            Assert.True(d.Fix.Any(c => c >= 0x4E00 && c <= 0x9FFF), $"status {status}: {d.Fix}");
        }
    }

    [Fact]
    public void A_doctor_finding_reads_in_Chinese_and_keeps_the_file_line_and_the_command_to_type()
    {
        IReadOnlyList<EffectiveOption> options;
        using (var sandbox = new SandboxRoot())
        {
            sandbox.Write("/etc/ppp/options", "lock\nauth\n");
            sandbox.Write("/etc/ppp/peers/vpn", "name alice\n");
            options = EffectiveOptions.For(sandbox.Paths, "vpn");
        }
        DoctorCheck check;
        using (UiLanguage.Use(UiLanguage.SimplifiedChinese))
            check = OptionRules.Auth("vpn", options);

        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Contains("认证", check.Title + check.Detail);
        Assert.Contains("/etc/ppp/options:2", check.Detail);
        Assert.Contains("ppptui set vpn --noauth yes", check.Fix);
        Assert.Contains("配置", check.Fix);
        Assert.Equal("options.auth", check.Id);
    }
}
