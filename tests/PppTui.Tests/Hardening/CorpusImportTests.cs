namespace PppTui.Tests.Hardening;

/// <summary>
/// Import is never stricter than pppd: every real file of the shared corpus (peers files, the chat
/// scripts they dial with, global options files, secrets files) is imported and then applied in a
/// sandbox, and neither step may refuse what pppd reads.
/// </summary>
public sealed class CorpusImportTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    // A PPTP peers file of our own, for the corpus files that are not peers files themselves.
    private const string PptpPeers = "pty \"pptp 192.0.2.1 --nolaunchpppd\"\nname alice\nremotename office\nfile /etc/ppp/options.pptp\n";

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    public static TheoryData<string> PeersFiles() => Files("peers");

    public static TheoryData<string> ChatFiles() => Files("chat");

    public static TheoryData<string> OptionsFiles() => Files("options");

    public static TheoryData<string> SecretsFiles() => Files("secrets");

    [Theory]
    [MemberData(nameof(PeersFiles))]
    public void Every_corpus_peers_file_imports_and_applies_with_its_chat_script(string file)
    {
        const string name = "corpus";
        var text = File.ReadAllText(file);
        _cli.Write("/etc/ppp/peers/" + name, text);
        if (ScriptPath(text) is { } script && SameSourceChat(file) is { } chat) _cli.Write(script, File.ReadAllText(chat));

        ImportThenApply(name);
    }

    [Theory]
    [MemberData(nameof(ChatFiles))]
    public void Every_corpus_chat_script_imports_and_applies_as_a_modem_profiles_dialogue(string file)
    {
        _cli.Write("/etc/chatscripts/corpus", File.ReadAllText(file));
        _cli.Write("/etc/ppp/peers/lte", "/dev/ttyUSB0\n115200\nconnect \"/usr/sbin/chat -v -T 5551234 -f /etc/chatscripts/corpus\"\n");

        ImportThenApply("lte");
    }

    [Theory]
    [MemberData(nameof(OptionsFiles))]
    public void Every_corpus_options_file_beside_a_pptp_peers_file_imports_and_applies(string file)
    {
        var text = File.ReadAllText(file);
        _cli.Write("/etc/ppp/options", text);
        _cli.Write("/etc/ppp/options.pptp", text);
        _cli.Write("/etc/ppp/peers/office", PptpPeers);

        ImportThenApply("office");
    }

    [Theory]
    [MemberData(nameof(SecretsFiles))]
    public void Every_corpus_secrets_file_imports_and_applies_beside_a_pptp_peers_file(string file)
    {
        var text = File.ReadAllText(file);
        _cli.Write("/etc/ppp/chap-secrets", text, Private);
        _cli.Write("/etc/ppp/pap-secrets", text, Private);
        _cli.Write("/etc/ppp/peers/office", PptpPeers);

        ImportThenApply("office");
    }

    private void ImportThenApply(string name)
    {
        var import = _cli.Run("import", name);
        Assert.True(import.ExitCode == ExitCodes.Ok, "import: " + import);
        Assert.DoesNotContain("apply will refuse", import.Out + import.Error);
        var apply = _cli.Run("apply", name);
        Assert.True(apply.ExitCode == ExitCodes.Ok, "apply: " + apply);
    }

    // The script a connect command runs chat with (-f PATH), or the connect program itself (a
    // chat script run as a shell script).
    private static string? ScriptPath(string peers)
    {
        foreach (var raw in peers.Split('\n'))
        {
            var line = raw.Trim().TrimEnd('\r');
            if (!line.StartsWith("connect ", StringComparison.Ordinal)) continue;
            var words = line["connect ".Length..].Trim().Trim('"', '\'').Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var f = Array.IndexOf(words, "-f");
            return f >= 0 && f + 1 < words.Length ? words[f + 1] : words.FirstOrDefault(w => w.StartsWith('/'));
        }
        return null;
    }

    // The corpus names files NN-source-slug: a peers file's chat script is the chat file of the
    // same source sharing most words of the slug.
    private static string? SameSourceChat(string peersFile)
    {
        var words = Path.GetFileName(peersFile).Split('-')[1..];
        return CorpusFiles("chat")
            .Where(chat => Path.GetFileName(chat).Split('-')[1] == words[0])
            .OrderByDescending(chat => Path.GetFileName(chat).Split('-').Intersect(words).Count())
            .FirstOrDefault();
    }

    private static TheoryData<string> Files(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var file in CorpusFiles(kind)) data.Add(file);
        return data;
    }

    private static IEnumerable<string> CorpusFiles(string kind) =>
        CorpusDirectory() is { } root && Directory.Exists(Path.Join(root, kind))
            ? Directory.EnumerateFiles(Path.Join(root, kind)).Order(StringComparer.Ordinal)
            : [];

    // The shared corpus sits beside the repository checkout, when it is there.
    private static string? CorpusDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Join(dir.FullName, "PppTui.sln"))) dir = dir.Parent;
        var corpus = dir?.Parent is null ? null : Path.Join(dir.Parent.FullName, "shared", "corpus");
        return corpus is not null && Directory.Exists(corpus) ? corpus : null;
    }
}
