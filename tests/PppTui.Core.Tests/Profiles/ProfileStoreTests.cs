namespace PppTui.Core.Tests.Profiles;

/// <summary>Loading a large profile folder: every file, in name order, a bad one reported where it is.</summary>
public sealed class ProfileStoreTests : IDisposable
{
    private readonly SandboxRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void A_folder_too_large_to_read_one_by_one_loads_every_profile_in_name_order_with_the_bad_file_reported()
    {
        int count = ProfileStore.ParallelFrom + 44;
        for (int i = 0; i < count; i++)
        {
            var profile = KindRegistry.NewProfile($"p{i:D4}", ProfileKind.Pptp);
            profile.Pptp!.Server = "vpn.example.com";
            profile.Description = $"number {i}";
            _root.Write($"/etc/ppptui/profiles/p{i:D4}.toml", ProfileToml.Write(profile));
        }
        _root.Write("/etc/ppptui/profiles/p0150.toml", "name = \"p0150\"\nkind = \"pptp\n");

        var catalog = new ProfileService(_root.Paths).List();

        Assert.Equal(count - 1, catalog.Profiles.Count);
        Assert.Equal(Enumerable.Range(0, count).Where(i => i != 150).Select(i => $"p{i:D4}"), catalog.Profiles.Select(p => p.Name));
        Assert.Equal("number 151", catalog.Find("p0151")!.Description);
        Assert.NotEmpty(catalog.Problems);
        Assert.All(catalog.Problems, problem => Assert.EndsWith("p0150.toml", problem.File));
        Assert.Equal(2, catalog.Problems[0].Line);
    }

    [Fact]
    public void Peers_files_a_profile_manages_are_not_listed_as_not_imported_and_the_others_are()
    {
        var service = new ProfileService(_root.Paths);
        var office = KindRegistry.NewProfile("office", ProfileKind.Pptp);
        office.Pptp!.Server = "vpn.example.com";
        service.Store.Save(office, validate: false);
        _root.Write("/etc/ppp/peers/office", "pty \"pptp vpn.example.com --nolaunchpppd\"\n");
        _root.Write("/etc/ppp/peers/home", "pty \"pptp 192.0.2.1 --nolaunchpppd\"\nname bob\n");

        Assert.Equal(["home"], service.NotImported(service.List()));
        Assert.Equal(["home", "office"], service.Importer.PeerNames());
        Assert.Equal(["home"], service.Importer.PeerNames(skip: new HashSet<string> { "office" }));
    }
}
