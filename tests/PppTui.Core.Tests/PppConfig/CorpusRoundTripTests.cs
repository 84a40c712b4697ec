namespace PppTui.Core.Tests.PppConfig;

/// <summary>
/// Every real-world file of the shared corpus (when it is present next to the repository) and
/// every self-written fixture: parse then write gives back the same bytes, what is read makes
/// sense, a no-op edit changes nothing and a real edit changes only the edited word.
/// </summary>
public partial class CorpusRoundTripTests
{
    /// <summary>Self-written fixtures, so these tests always have data, corpus or not.</summary>
    private static readonly Dictionary<string, (string Kind, string Text)> Fixtures = new()
    {
        ["fixture-pptp-peer"] = ("peers",
            "# PPTP peer\npty \"pptp vpn.example.com --nolaunchpppd \"\nname 'DOMAIN\\\\alice'\nremotename PPTP\n" +
            "require-mppe-128\nmtu 1416 #critical!!!\nfile /etc/ppp/options.pptp\nipparam\tvpn"),
        ["fixture-modem-peer-crlf"] = ("peers",
            "/dev/ttyUSB0\r\n115200\r\nconnect \"/usr/sbin/chat -v -f /etc/chatscripts/gprs -T internet\"\r\n" +
            "user \"\"\r\nnoipdefault\t# ИП от оператора\r\n10.0.0.1:10.0.0.2\r\ndefaultroute # 默认路由\r\n"),
        ["fixture-pppoe-peer"] = ("peers",
            "plugin rp-pppoe.so\n# the interface\nnic-eth0\nuser \"user@isp\"\nlcp-echo-interval\n  20\nlcp-echo-failure 3\npersist\n"),
        ["fixture-options"] = ("options", "\n lock\n asyncmap 0\n ms-dns 8.8.8.8 # Google\r\n+ipv6 ipv6 ::1,::2\n"),
        ["fixture-chap"] = ("secrets",
            "# client\tserver\tsecret\t\t\tIP addresses\r\nalice\tPPTP\t\"p a s s\"\t*\r\n\"DOMAIN\\\\bob\" * 'x#y' 10.0.0.2 -- ms-dns 1.1.1.1\r\n#old * oldpass *\r\n* * \"\"\t*"),
        ["fixture-chat"] = ("chat",
            "ABORT BUSY ABORT 'NO CARRIER'\nTIMEOUT 30\n'' AT\nOK AT+CGDCONT=1,\"IP\",\"internet\"\nOK ATD*99#\nCONNECT \\d\\c\n"),
    };

    private static readonly string[] Kinds = ["peers", "options", "secrets", "chat"];

    /// <summary>The shared corpus folder (../shared/corpus beside the folder holding PppTui.sln), or null.</summary>
    private static string? CorpusDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PppTui.sln"))) dir = dir.Parent;
        if (dir?.Parent is null) return null;
        var corpus = Path.Combine(dir.Parent.FullName, "shared", "corpus");
        return Directory.Exists(corpus) ? corpus : null;
    }

    public static TheoryData<string, string> Files()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, fixture) in Fixtures) data.Add(fixture.Kind, name);
        var corpus = CorpusDirectory();
        if (corpus is null) return data;
        foreach (var kind in Kinds)
        {
            var folder = Path.Combine(corpus, kind);
            if (!Directory.Exists(folder)) continue;
            foreach (var file in Directory.GetFiles(folder).OrderBy(f => f, StringComparer.Ordinal))
                data.Add(kind, Path.GetFileName(file));
        }
        return data;
    }

    private static byte[] Bytes(string kind, string name) =>
        Fixtures.TryGetValue(name, out var fixture)
            ? PppFileText.Encode(fixture.Text)
            : File.ReadAllBytes(Path.Combine(CorpusDirectory()!, kind, name));

    [Theory]
    [MemberData(nameof(Files))]
    public void Parsing_then_writing_gives_back_the_same_bytes(string kind, string name)
    {
        var original = Bytes(kind, name);
        var text = PppFileText.Decode(original, out var encoding);
        string written = kind switch
        {
            "secrets" => SecretsFile.Parse(text).Text,
            "chat" => ChatScript.Parse(text).Text,
            _ => OptionFile.Parse(text).Text,
        };

        var path = Path.Combine(Path.GetTempPath(), "ppptui-roundtrip-" + Guid.NewGuid().ToString("N"));
        try
        {
            File.WriteAllBytes(path, PppFileText.Encode(written, encoding));
            Assert.Equal(original, File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void What_is_read_makes_sense_and_edits_touch_only_their_word(string kind, string name)
    {
        var text = PppFileText.Decode(Bytes(kind, name));
        switch (kind)
        {
            case "secrets": CheckSecrets(text); break;
            case "chat": CheckChat(text, name); break;
            default: CheckOptions(text, name); break;
        }
    }

    [Fact]
    public void The_self_written_fixtures_pass_every_check_without_the_corpus()
    {
        foreach (var (name, (kind, text)) in Fixtures)
        {
            Parsing_then_writing_gives_back_the_same_bytes(kind, name);
            What_is_read_makes_sense_and_edits_touch_only_their_word(kind, name);
        }
        var crlf = OptionFile.Parse(Fixtures["fixture-modem-peer-crlf"].Text);
        Assert.Equal("", crlf.GetArgument("user"));
        Assert.Equal(["/dev/ttyUSB0", "115200", "10.0.0.1:10.0.0.2"],
            crlf.Entries.Where(e => !e.IsKnownOption).Select(e => e.Name));
        var pppoe = OptionFile.Parse(Fixtures["fixture-pppoe-peer"].Text);
        Assert.Equal("20", pppoe.GetArgument("lcp-echo-interval"));
    }

    [Fact]
    public void The_pptp_peer_of_the_corpus_runs_pptp_through_pty()
    {
        var corpus = CorpusDirectory();
        string text = corpus is not null && File.Exists(Path.Combine(corpus, "peers", "01-luoqii-pptp-a_tw"))
            ? PppFileText.Decode(File.ReadAllBytes(Path.Combine(corpus, "peers", "01-luoqii-pptp-a_tw")))
            : Fixtures["fixture-pptp-peer"].Text;
        var peer = OptionFile.Parse(text);
        Assert.StartsWith("pptp ", peer.GetArgument("pty"));
        Assert.EndsWith("--nolaunchpppd ", peer.GetArgument("pty"));
        Assert.True(peer.Has("remotename"));
    }

    private static void CheckOptions(string text, string name)
    {
        var file = OptionFile.Parse(text);
        Assert.NotEmpty(file.Entries);
        Assert.Empty(file.Problems);
        bool hasPlugin = file.Has("plugin");
        foreach (var entry in file.Entries)
        {
            if (PppOptionTable.TakesArgument(entry.Name)) Assert.NotNull(entry.Argument);
            if (!entry.IsKnownOption)
                Assert.True(IsPlausibleBareWord(entry.Name, hasPlugin), $"{name}: unexpected word '{entry.Name}' on line {entry.Line}");
        }

        // A no-op edit of every option leaves every byte.
        foreach (var entry in file.Entries.Where(e => e.IsKnownOption).ToList())
            file.Set(entry.Name, PppOptionTable.TakesArgument(entry.Name) ? file.GetArgument(entry.Name) : null);
        Assert.Equal(text, file.Text);

        // A real edit changes only the argument word of the last occurrence.
        foreach (var option in file.Entries.Where(e => e.ArgumentWord is not null).Select(e => e.Name).Distinct().ToList())
        {
            var edited = OptionFile.Parse(text);
            var word = edited.Last(option)!.ArgumentWord!;
            edited.Set(option, "new value");
            Assert.Equal(text[..word.Start] + "\"new value\"" + text[word.End..], edited.Text);
            Assert.Equal("new value", edited.GetArgument(option));
        }
    }

    private static bool IsPlausibleBareWord(string word, bool hasPlugin) =>
        word.StartsWith("/dev/", StringComparison.Ordinal) || word.StartsWith("tty", StringComparison.Ordinal) ||
        word.All(char.IsAsciiDigit) || word.Contains(':') || (hasPlugin && InterfaceName().IsMatch(word));

    [GeneratedRegex(@"^(nic-)?[A-Za-z][A-Za-z0-9._-]*$")]
    private static partial Regex InterfaceName();

    private static void CheckSecrets(string text)
    {
        var file = SecretsFile.Parse(text);
        Assert.NotEmpty(file.Records);

        var masked = SecretsFile.Parse(file.MaskedText());
        Assert.All(masked.Records, r => Assert.Equal(SecretsFile.Mask, r.Secret));
        Assert.Equal(file.Records.Select(r => (r.Client, r.Server)), masked.Records.Select(r => (r.Client, r.Server)));

        foreach (var record in file.Records.ToList())
        {
            var first = file.Find(record.Client, record.Server)!;
            file.Set(first.Client, first.Server, first.Secret, first.Addresses);
        }
        Assert.Equal(text, file.Text);

        foreach (var record in file.Records)
        {
            var edited = SecretsFile.Parse(text);
            var word = edited.Find(record.Client, record.Server)!.SecretWord;
            edited.Set(record.Client, record.Server, "n3w secret");
            Assert.Equal(text[..word.Start] + "\"n3w secret\"" + text[word.End..], edited.Text);

            var removed = SecretsFile.Parse(text);
            Assert.True(removed.Remove(record.Client, record.Server));
            Assert.Null(removed.Find(record.Client, record.Server));
            Assert.Equal(file.Records.Count(r => r.Client != record.Client || r.Server != record.Server), removed.Records.Count);
        }
    }

    private static void CheckChat(string text, string name)
    {
        var script = ChatScript.Parse(text);
        if (script.IsShellScript)
        {
            Assert.Contains(script.Problems, p => p.Message.Contains("shell script"));
            return;
        }
        Assert.NotEmpty(script.Pairs);
        Assert.DoesNotContain(script.Problems, p => p.Message.Contains("unterminated"));
        if (text.Contains("\r\n")) Assert.Contains(script.Problems, p => p.Message.Contains("CRLF"));
        else Assert.Empty(script.Problems);
        if (text.Contains("ABORT")) Assert.NotEmpty(script.AbortStrings);

        foreach (var token in script.Tokens.ToList()) script.ReplaceToken(script.Tokens[token.Index], token.Value);
        Assert.Equal(text, script.Text);

        foreach (var token in script.Tokens.Where(t => t.Kind == ChatTokenKind.Send && !t.Value.EndsWith('\r')))
        {
            var edited = ChatScript.Parse(text);
            edited.ReplaceToken(edited.Tokens[token.Index], "ATH0");
            Assert.Equal(text[..token.Start] + "ATH0" + text[token.End..], edited.Text);
        }
        _ = name;
    }
}
