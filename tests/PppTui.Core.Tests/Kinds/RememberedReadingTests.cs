namespace PppTui.Core.Tests.Kinds;

/// <summary>
/// The preview re-renders on every key from the editor's snapshot of the disk, which hands back
/// the same strings each time; what is read, hashed and masked from them is remembered per string.
/// These tests hold the remembered results to what fresh reads give.
/// </summary>
public class RememberedReadingTests
{
    // Long enough to be remembered (short texts are simply read again).
    private static readonly string Peers =
        string.Concat(Enumerable.Repeat("# The office VPN: GRE must pass the firewall both ways, or LCP times out.\n", 6)) + SeedFiles.Peers;

    private static readonly string ChapSecrets =
        SeedFiles.ChapSecrets + string.Concat(Enumerable.Range(0, 12).Select(i => $"user{i}\t*\t\"secret-{i}\"\t*\n"));

    [Fact]
    public void Rendering_again_from_the_same_snapshot_gives_exactly_what_fresh_reads_give()
    {
        using var root = new SandboxRoot();
        var profile = ImportedProfile(root);
        var snapshot = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? FromSnapshot(string path) =>
            snapshot.TryGetValue(path, out var text) ? text : snapshot[path] = TextFile.ReadOrNull(path);
        // A new string for every read: nothing remembered can be found for it.
        string? Fresh(string path) => FromSnapshot(path) is { } text ? new string(text.AsSpan()) : null;
        var remembering = new ProfileRenderer(root.Paths);

        var secrets = new ProfileSecrets();
        var steps = new List<Action>
        {
            () => profile.Ppp.Mtu = 1400,
            () => profile.Ppp.Mtu = 1401,
            () => profile.Ppp.User = "bob",
            () => secrets.Password = "n3w \"secret\"",
            () => profile.Ppp.RemoteName = "office",
            () => profile.ExtraOptions = [.. profile.ExtraOptions, "nobsdcomp"],
            () => secrets.Password = null,
            () => profile.Ppp.User = "alice",
            () => profile.Ppp.Mtu = 1416,
        };
        foreach (var step in steps)
        {
            step();
            var remembered = remembering.Plan(profile, secrets, FromSnapshot);
            var fresh = new ProfileRenderer(root.Paths).Plan(profile, secrets, Fresh);

            Assert.Equal(Describe(fresh), Describe(remembered));
        }
    }

    [Fact]
    public void A_file_changed_on_disk_is_read_anew_by_the_next_render()
    {
        using var root = new SandboxRoot();
        var profile = ImportedProfile(root);
        profile.Ppp.Mtu = 1400;
        var peersPath = root.PathOf("/etc/ppp/peers/myvpn");
        var disk = new Dictionary<string, string?>(StringComparer.Ordinal) { [peersPath] = Peers };
        string? Read(string path) => disk.TryGetValue(path, out var text) ? text : TextFile.ReadOrNull(path);
        var renderer = new ProfileRenderer(root.Paths);
        var first = renderer.Plan(profile, null, Read).Files[0];

        var edited = Peers.Replace("defaultroute\n", "defaultroute\n# edited by hand\n", StringComparison.Ordinal);
        disk[peersPath] = edited;
        var second = renderer.Plan(profile, null, Read).Files[0];

        Assert.Equal(Peers.Replace("mtu 1416", "mtu 1400", StringComparison.Ordinal), first.NewText);
        Assert.Equal(edited.Replace("mtu 1416", "mtu 1400", StringComparison.Ordinal), second.NewText);
        Assert.Equal(FileFingerprint.Of(Encoding.UTF8.GetBytes(edited)), second.ReadFingerprint);
        Assert.NotEqual(first.ReadFingerprint, second.ReadFingerprint);
        Assert.Equal(1, CountOf("+mtu 1400", second.Diff()));
        Assert.Equal(" # edited by hand", second.Diff().Split('\n').Single(line => line.Contains("edited", StringComparison.Ordinal)));
    }

    [Fact]
    public void Editing_a_remembered_options_file_leaves_the_next_reading_of_that_text_as_it_was()
    {
        var first = OptionFile.ParseRemembered(Peers);
        first.Set("mtu", "1500");
        first.Remove("lock");

        var again = OptionFile.ParseRemembered(Peers);

        Assert.Equal("1416", again.GetArgument("mtu"));
        Assert.True(again.Has("lock"));
        Assert.Same(OptionFile.ParseRemembered(Peers).Entries, again.Entries);
        Assert.Equal(OptionFile.Parse(Peers).Entries.Select(e => (e.Name, e.Argument)), again.Entries.Select(e => (e.Name, e.Argument)));
        Assert.Equal("1500", first.GetArgument("mtu"));
    }

    [Fact]
    public void Editing_a_remembered_secrets_file_leaves_the_next_reading_of_that_text_as_it_was()
    {
        var first = SecretsFile.ParseRemembered(ChapSecrets);
        first.Set("alice", "myvpn", "changed");
        first.Remove("bob", "*");

        var again = SecretsFile.ParseRemembered(ChapSecrets);

        Assert.Equal("s3cret-Pass", again.Find("alice", "myvpn")!.Secret);
        Assert.NotNull(again.Find("bob", "*"));
        Assert.Same(SecretsFile.ParseRemembered(ChapSecrets).Records, again.Records);
        Assert.Equal("changed", first.Find("alice", "myvpn")!.Secret);
    }

    [Fact]
    public void A_remembered_mask_or_fingerprint_is_the_one_of_its_own_text()
    {
        var changed = ChapSecrets.Replace("s3cret-Pass", "other-Pass", StringComparison.Ordinal);

        Assert.Equal(SecretsFile.Parse(ChapSecrets).MaskedText(), SecretsFile.MaskSecrets(ChapSecrets));
        Assert.Equal(SecretsFile.MaskSecrets(ChapSecrets), SecretsFile.MaskSecrets(ChapSecrets));
        Assert.DoesNotContain("s3cret-Pass", SecretsFile.MaskSecrets(ChapSecrets));
        Assert.DoesNotContain("other-Pass", SecretsFile.MaskSecrets(changed));
        var withPassword = Peers + "password \"peer-Pass\"\n";
        Assert.DoesNotContain("peer-Pass", OptionFile.MaskPasswords(withPassword));
        Assert.Equal(OptionFile.MaskPasswords(withPassword), OptionFile.MaskPasswords(new string(withPassword.AsSpan())));

        Assert.Equal(FileFingerprint.Of(Encoding.UTF8.GetBytes(ChapSecrets)), FileFingerprint.Of(ChapSecrets));
        Assert.Equal(FileFingerprint.Of(Encoding.UTF8.GetBytes(ChapSecrets)), FileFingerprint.Of(ChapSecrets));
        Assert.Equal(FileFingerprint.Of(Encoding.UTF8.GetBytes(changed)), FileFingerprint.Of(changed));
        Assert.NotEqual(FileFingerprint.Of(ChapSecrets), FileFingerprint.Of(changed));
    }

    /// <summary>The long peers and secrets files laid into the root, and the profile imported from them.</summary>
    private static Profile ImportedProfile(SandboxRoot root)
    {
        root.Write("/etc/ppp/peers/myvpn", Peers);
        root.Write("/etc/ppp/chap-secrets", ChapSecrets, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var service = new ProfileService(root.Paths);
        service.Import(["myvpn"]);
        return service.Load("myvpn");
    }

    private static int CountOf(string part, string text) => text.Split('\n').Count(line => line.Contains(part, StringComparison.Ordinal));

    private static List<string> Describe(ChangePlan plan) =>
    [
        .. plan.Files.Select(f => string.Join("\n--\n", f.SystemPath, f.OldText, f.NewText, f.PreviewText, f.Diff(),
            f.ReadFingerprint.Value, f.ChangedOnDiskSince ?? "(not changed on disk)")),
        .. plan.Notes,
    ];
}
