using PppTui.Core.Kinds.Pppoe;

namespace PppTui.Core.Tests.Kinds;

/// <summary>pppd 2.5 renamed its PPPoE plugin rp-pppoe.so to pppoe.so (Debian 13 ships only the new name).</summary>
public class PppoePluginNameTests
{
    /// <summary>Answers a fixed pppd version instead of looking at pppd's plugin folder.</summary>
    private sealed class FakePppdVersionProbe(string? version) : IPppdVersionProbe
    {
        public Version? InstalledVersion() => version is null ? null : Version.Parse(version);
    }

    private static string RenderNew(SandboxRoot root, string? pppdVersion)
    {
        var profile = KindRegistry.NewProfile("dsl", ProfileKind.Pppoe);
        profile.Pppoe!.Interface = "eth0";
        return new ProfileRenderer(root.Paths, new FakePppdVersionProbe(pppdVersion)).Plan(profile).Files[0].NewText;
    }

    [Theory]
    [InlineData("2.5.2", "plugin pppoe.so")]
    [InlineData("2.5.0", "plugin pppoe.so")]
    [InlineData("2.4.9", "plugin rp-pppoe.so")]
    [InlineData("2.4.7", "plugin rp-pppoe.so")]
    [InlineData(null, "plugin rp-pppoe.so")]
    public void A_new_pppoe_profile_names_the_plugin_the_installed_pppd_ships(string? pppdVersion, string line)
    {
        using var root = new SandboxRoot();

        var lines = RenderNew(root, pppdVersion).Split('\n');

        Assert.Contains(line, lines);
        Assert.Single(lines, l => l.StartsWith("plugin ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("rp-pppoe.so", "2.5.2")]
    [InlineData("pppoe.so", "2.4.9")]
    public void An_imported_peers_file_keeps_its_plugin_name_whatever_pppd_is_installed(string plugin, string pppdVersion)
    {
        using var root = new SandboxRoot();
        var text = $"plugin {plugin}\neth0\nuser \"bob@isp\"\nnoipdefault\n";
        root.Write("/etc/ppp/peers/dsl", text);
        var profile = new PeersImporter(root.Paths).Import("dsl").Profile;

        var plan = new ProfileRenderer(root.Paths, new FakePppdVersionProbe(pppdVersion)).Plan(profile);

        Assert.Equal(plugin, profile.Pppoe!.Plugin);
        Assert.Equal(text, plan.Files[0].NewText);
    }

    [Fact]
    public void A_new_profile_keeps_the_pppoe_plugin_line_a_peers_file_on_disk_already_has()
    {
        using var root = new SandboxRoot();
        root.Write("/etc/ppp/peers/dsl", "plugin rp-pppoe.so\neth0\n");
        var profile = KindRegistry.NewProfile("dsl", ProfileKind.Pppoe);
        profile.Pppoe!.Interface = "eth0";

        var peers = new ProfileRenderer(root.Paths, new FakePppdVersionProbe("2.5.2")).Plan(profile).Files[0].NewText;

        Assert.Contains("plugin rp-pppoe.so", peers.Split('\n'));
        Assert.DoesNotContain("plugin pppoe.so", peers.Split('\n'));
    }

    [Fact]
    public void A_new_profile_saved_and_read_back_still_leaves_the_plugin_to_the_installed_pppd()
    {
        var profile = KindRegistry.NewProfile("dsl", ProfileKind.Pppoe);
        profile.Pppoe!.Interface = "eth0";

        var read = ProfileToml.Parse(ProfileToml.Write(profile), "dsl.toml", out var problems);

        Assert.Empty(problems);
        Assert.Null(read!.Pppoe!.Plugin);
        Assert.DoesNotContain("plugin", ProfileToml.Write(profile));
    }

    [Theory]
    [InlineData(new[] { "/usr/lib/pppd/2.5.2/pppoe.so" }, "2.5.2")]
    [InlineData(new[] { "/usr/lib/pppd/2.4.9/rp-pppoe.so" }, "2.4.9")]
    [InlineData(new[] { "/usr/lib64/pppd/2.5.0/pppoe.so" }, "2.5.0")]
    [InlineData(new[] { "/usr/lib/pppd/2.4.9/rp-pppoe.so", "/usr/lib/pppd/2.5.2/pppoe.so" }, "2.5.2")]
    [InlineData(new string[0], null)]
    public void The_plugin_folder_probe_reads_pppds_version_from_the_folder_name(string[] files, string? expected)
    {
        using var root = new SandboxRoot();
        foreach (var file in files) root.Write(file, "");

        var version = new PluginFolderVersionProbe(root.Paths).InstalledVersion();

        Assert.Equal(expected, version?.ToString());
    }
}
