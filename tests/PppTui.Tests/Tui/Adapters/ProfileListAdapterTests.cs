namespace PppTui.Tests.Tui.Adapters;

public sealed class ProfileListAdapterTests : IDisposable
{
    private readonly Sandbox _sandbox = new Sandbox().WithMyVpn();
    private readonly ErrorLog _errors = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void I_see_every_profile_with_its_kind_and_a_broken_file_stays_as_a_marked_row_reported_once()
    {
        _sandbox.Write("/etc/ppptui/profiles/broken.toml", "name = \"broken\"\nkind = \"pptp\"\n[pptp\n");
        var list = new ProfileListAdapter(_sandbox.Service, _errors);

        list.Reload();
        list.Reload();

        Assert.Equal(["broken", "myvpn"], list.Profiles.Select(p => p.Name));
        Assert.Equal("pptp", list.Profiles[1].Kind);
        Assert.Equal(LinkPhase.Unknown, list.Profiles[1].State);
        Assert.Null(list.Profiles[1].Problem);
        Assert.Contains("broken.toml:3", list.Profiles[0].Problem);
        var error = Assert.Single(_errors.Errors);
        Assert.Equal("Read profile broken.toml", error.What);
        Assert.Contains("broken.toml:3:", error.Cause);
        Assert.Contains("Fix the file", error.Fix);
        var open = Assert.ThrowsAny<Exception>(() => list.OpenEditor("broken"));
        Assert.Contains("broken.toml:3", ErrorLog.Describe(open, "Open broken").Cause);
    }

    [Fact]
    public void New_offers_every_kind_of_the_registry_in_its_order_and_refuses_a_name_in_use()
    {
        var list = new ProfileListAdapter(_sandbox.Service, _errors);

        Assert.Equal(["pptp", "l2tp", "pppoe", "modem", "custom"], list.Kinds.Select(k => k.Id));
        Assert.Equal("PPTP VPN", list.Kinds[0].Title);
        foreach (var kind in list.Kinds)
        {
            var editor = list.CreateNew(kind.Id, "new-" + kind.Id);
            Assert.True(editor.IsNew);
            Assert.Equal(kind.Title, editor.Kind);
        }
        var taken = Assert.ThrowsAny<Exception>(() => list.CreateNew("pptp", "myvpn"));
        Assert.Contains("already exists", ErrorLog.Describe(taken, "New").Cause);
        Assert.Empty(Directory.GetFiles(_sandbox.Paths.PeersDir, "new-*"));
    }

    [Fact]
    public async Task Applying_a_new_profile_puts_it_in_the_list()
    {
        var list = new ProfileListAdapter(_sandbox.Service, _errors);
        var changes = 0;
        list.Changed += (_, _) => changes++;
        var editor = list.CreateNew("pppoe", "dsl");
        editor.SetValue("interface", "eth1");
        editor.SetValue("user", "bob@isp");

        var result = await editor.ApplyAsync(false, CancellationToken.None);

        Assert.Equal(ActionStatus.Done, result.Status);
        Assert.Equal(["dsl", "myvpn"], list.Profiles.Select(p => p.Name));
        Assert.Equal("pppoe", list.Profiles[0].Kind);
        Assert.True(changes >= 1);
    }

    [Fact]
    public async Task Delete_removes_the_profile_its_peers_file_and_only_its_secrets_record()
    {
        _sandbox.Write("/etc/ppp/chap-secrets", _sandbox.Read("/etc/ppp/chap-secrets") + "bob\t*\t\"other\"\t*\n");
        var list = new ProfileListAdapter(_sandbox.Service, _errors);

        var result = await list.DeleteAsync("myvpn", CancellationToken.None);

        Assert.Equal(ActionStatus.Done, result.Status);
        Assert.Contains("/etc/ppp/peers/myvpn", result.Summary);
        Assert.Empty(list.Profiles);
        Assert.False(File.Exists(_sandbox.Paths.PeerFile("myvpn")));
        var secrets = _sandbox.Read("/etc/ppp/chap-secrets");
        Assert.DoesNotContain("labuser", secrets);
        Assert.Contains("bob\t*\t\"other\"\t*", secrets);

        var again = await list.DeleteAsync("myvpn", CancellationToken.None);
        Assert.Equal(ActionStatus.Failed, again.Status);
        Assert.Contains("no profile named 'myvpn'", again.Error!.Cause);
        Assert.Contains("ppptui list", again.Error.Fix);
    }

    [Fact]
    public void A_profile_saved_elsewhere_shows_up_on_the_next_folder_check()
    {
        var list = new ProfileListAdapter(_sandbox.Service, _errors);
        list.Reload();
        var other = _sandbox.Service.Create("second", ProfileKind.Custom);
        _sandbox.Service.Save(other);
        Directory.SetLastWriteTimeUtc(_sandbox.Paths.ProfilesDir, DateTime.UtcNow.AddSeconds(5));

        list.ReloadIfChanged();

        Assert.Equal(["myvpn", "second"], list.Profiles.Select(p => p.Name));
    }

    // The kinds' cautions, as the adapter hands them to New and the editor.
    [Fact]
    public void New_and_the_editor_say_pptps_weakness_once_and_offer_l2tp_without_one()
    {
        var list = new ProfileListAdapter(_sandbox.Service, _errors);

        Assert.Contains("L2TP/IPsec", list.Kinds.Single(k => k.Id == "pptp").Caution);
        Assert.Null(list.Kinds.Single(k => k.Id == "l2tp").Caution);
        Assert.Contains("L2TP/IPsec", list.OpenEditor("myvpn").Caution);
    }

    [Fact]
    public void The_setting_silences_the_weakness_in_new_and_the_editor()
    {
        var list = new ProfileListAdapter(_sandbox.Service, _errors, kindCautions: false);

        Assert.All(list.Kinds, k => Assert.Null(k.Caution));
        Assert.Null(list.OpenEditor("myvpn").Caution);
    }
}
