using System.Security.Cryptography;
using Terminal.Gui.Input;
using Terminal.Gui.Views;

namespace PppTui.Tests.Tui.Adapters;

/// <summary>
/// The field report's box: four hand-written files and no profile. The screen lists the peers
/// file as it is, opens, previews and diffs it without writing, and imports it on the first Apply.
/// </summary>
public sealed class NotImportedPeersTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    public NotImportedPeersTests()
    {
        // The report's four files, as the user wrote them (names and server made up).
        _sandbox.Write("/etc/ppp/peers/myvpn", Sandbox.MyVpnPeers);
        _sandbox.Write("/etc/ppp/chap-secrets", "labuser myvpn lab-pass-1 *\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _sandbox.Write("/etc/ppp/options",
            "lcp-echo-failure 10\nlcp-echo-interval 10\nlock\ncrtscts\nnodeflate\npersist\nasyncmap 0\nnoauth\nhide-password\nnoipx\n");
        _sandbox.Write("/etc/ppp/options.pptp",
            "lock\nnoauth\nrefuse-pap\nrefuse-eap\nrefuse-chap\nrefuse-mschap\nnobsdcomp\nnodeflate\nrequire-mppe-128\nipparam myvpn\ndefaultroute\n");
    }

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void The_reports_myvpn_is_listed_as_pptp_before_any_import_opens_with_its_settings_and_an_empty_diff_and_nothing_under_the_root_changes()
    {
        var before = HashEveryFile();
        using (var h = new WiredHost(_sandbox, width: 80, height: 24))
        {
            var row = Assert.Single(h.Screen.Profiles.Rows);
            Assert.Equal(("myvpn", "pptp", true), (row.Name, row.Kind, row.NotImported));
            Assert.Equal(ProfileListPane.NotImportedBadge, ProfileListPane.Badge(row));
            Assert.DoesNotContain(ProfileListPane.NoProfilesText.Split('\n')[0], h.Text);

            h.Until(() => h.Screen.Editor.Editor?.ProfileName == "myvpn");
            var editor = h.Screen.Editor.Editor!;
            Assert.True(editor.NotImported);
            Assert.Equal("PPTP VPN", editor.Kind);
            Assert.Equal("192.0.2.1", editor.GetValue("server"));
            Assert.Equal("labuser", editor.GetValue("user"));
            Assert.Equal("1416", editor.GetValue("mtu"));
            Assert.Equal("required-128", editor.GetValue("mppe"));
            Assert.False(editor.IsDirty);
            Assert.Equal("nothing changed", h.Screen.DisabledReason(AppCommand.Apply));
            Assert.Null(h.Screen.DisabledReason(AppCommand.Connect));
            Assert.Equal("not a profile: ppptui deletes only the peers files it manages", h.Screen.DisabledReason(AppCommand.DeleteProfile));

            // At 80x24 the editor scrolls to the field in focus: MTU and MPPE are shown as read.
            h.Until(() => h.Text.Contains("(not imported)"));
            h.Screen.GoTo(PaneId.Editor);
            h.Screen.Editor.ControlFor("mtu")!.SetFocus();
            h.Until(() => h.Text.Contains("1416"));
            h.Screen.Editor.ControlFor("mppe")!.SetFocus();
            h.Until(() => h.Text.Contains("Encryption (MPPE)"));

            Assert.Null(editor.Preview.Problem);
            Assert.All(editor.Preview.Files, f => Assert.Empty(f.Diff));
            Assert.All(editor.Preview.Files, f => Assert.Equal(FileChange.Unchanged, f.Change));
            h.Press(Key.F3);
            h.Screen.GoTo(PaneId.Preview);
            h.Press(Key.F11);
            h.Until(() => h.Text.Contains("(no differences)"));
            h.Press(Key.Esc);
            h.Press(Key.F4);
            h.Until(() => h.Text.Contains("effective options"));
            Assert.Contains(editor.Preview.EffectiveOptions, o => o is { Name: "mtu", Argument: "1416", TakesEffect: true } && o.Source.StartsWith("/etc/ppp/peers/myvpn:"));
        }
        Assert.Equal(before, HashEveryFile());
    }

    [Fact]
    public void Connect_on_a_peers_file_not_imported_calls_it_by_name()
    {
        using var h = new WiredHost(_sandbox);
        h.Runner.Dial = [new PppTui.Core.Processes.CommandStarted(100), new PppTui.Core.Processes.CommandExited(0)];
        h.Until(() => h.Screen.Profiles.Selected?.Name == "myvpn");

        h.Press(Key.F5);
        h.Until(() => h.Runner.DialSpecs.Count > 0);

        var dial = h.Runner.DialSpecs[0];
        Assert.Contains("call", dial.Arguments);
        Assert.Equal("myvpn", dial.Arguments[dial.Arguments.ToList().IndexOf("call") + 1]);
        Assert.False(File.Exists(_sandbox.Paths.Under("/etc/ppptui/profiles/myvpn.toml")));
    }

    [Fact]
    public void The_first_edit_and_apply_imports_it_and_leaves_the_unchanged_peers_file_byte_identical()
    {
        var peers = File.ReadAllBytes(_sandbox.Paths.PeerFile("myvpn"));
        using var h = new WiredHost(_sandbox);
        h.Until(() => h.Screen.Editor.Editor?.ProfileName == "myvpn");

        h.Fill("description", "office tunnel");
        Assert.Null(h.Screen.DisabledReason(AppCommand.Apply));
        h.Press(Key.F2);
        h.Until(() => h.Screen.MessageText.StartsWith("myvpn: saved"));

        Assert.True(File.Exists(_sandbox.Paths.Under("/etc/ppptui/profiles/myvpn.toml")), h.Screen.MessageText);
        Assert.Equal(peers, File.ReadAllBytes(_sandbox.Paths.PeerFile("myvpn")));
        h.Until(() => h.Screen.Profiles.Rows.Single() is { NotImported: false, Description: "office tunnel" });
        Assert.False(h.Screen.Editor.Editor!.NotImported);
    }

    [Fact]
    public void Import_all_in_the_file_menu_imports_every_peers_file_not_imported_and_changes_none()
    {
        _sandbox.Write("/etc/ppp/peers/dsl-provider", "noipdefault\ndefaultroute\nhide-password\nnoauth\npersist\nplugin rp-pppoe.so\nnic-eth0\nuser \"username\"\nusepeerdns\n");
        var before = HashEveryFile();
        using var h = new WiredHost(_sandbox);
        Assert.Equal(["dsl-provider", "myvpn"], h.Screen.Profiles.Rows.Where(r => r.NotImported).Select(r => r.Name));
        var file = h.Screen.Menu.SubViews.OfType<MenuBarItem>().First(m => m.Title == KeyTable.FileMenu);
        Assert.Contains("Import all", file.PopoverMenu!.Root!.SubViews.OfType<MenuItem>().Select(i => i.Title.Trim()));

        h.Screen.Invoke(AppCommand.ImportAll);
        h.Until(() => h.Screen.MessageText.StartsWith("Imported"));

        Assert.Equal("Imported dsl-provider, myvpn; the peers files were not changed", h.Screen.MessageText);
        h.Until(() => h.Screen.Profiles.Rows.All(r => !r.NotImported));
        Assert.Equal("every peers file is already a profile", h.Screen.DisabledReason(AppCommand.ImportAll));
        var after = HashEveryFile();
        foreach (var (path, hash) in before) Assert.Equal(hash, after[path]);
        Assert.Contains("etc/ppptui/profiles/myvpn.toml", after.Keys);
        Assert.Contains("etc/ppptui/profiles/dsl-provider.toml", after.Keys);
    }

    [Fact]
    public void A_readme_a_backup_and_a_chat_script_in_the_peers_folder_are_not_listed()
    {
        _sandbox.Write("/etc/ppp/peers/README", "Put one file per connection in this folder.\n");
        _sandbox.Write("/etc/ppp/peers/myvpn.orig", Sandbox.MyVpnPeers);
        _sandbox.Write("/etc/ppp/peers/gprs-chat", "ABORT BUSY\nABORT 'NO CARRIER'\n'' ATZ\nOK ATDT*99#\nCONNECT ''\n");
        using var h = new WiredHost(_sandbox);

        Assert.Equal(["myvpn"], h.Screen.Profiles.Rows.Select(r => r.Name));
    }

    [Fact]
    public void The_password_field_says_the_password_is_set_and_where_still_masked()
    {
        _sandbox.Service.Import(["myvpn"]);
        using var h = new WiredHost(_sandbox);
        h.Until(() => h.Screen.Editor.Editor?.ProfileName == "myvpn");

        Assert.Equal("", h.Screen.Editor.Editor!.GetValue("password"));
        var password = h.Screen.Editor.Fields.Single(f => f.Key == "password");
        Assert.Equal("set in /etc/ppp/chap-secrets:1", password.Message.ReplaceLineEndings(" "));
        h.Until(() => h.Text.Contains("/etc/ppp/chap-secrets:1"));
        Assert.DoesNotContain("lab-pass-1", h.Text);
        Assert.True(h.Screen.Editor.Editor.IsValid);
    }

    [Fact]
    public void Quit_is_the_last_item_of_the_file_menu()
    {
        using var h = new WiredHost(_sandbox);
        var file = h.Screen.Menu.SubViews.OfType<MenuBarItem>().First(m => m.Title == KeyTable.FileMenu);

        var titles = file.PopoverMenu!.Root!.SubViews.OfType<MenuItem>().Select(i => i.Title.Trim()).ToList();

        Assert.Equal("Quit", titles[^1]);
        Assert.Single(titles, "Quit");
    }

    // Every file under the root, by relative path, with the SHA-256 of its bytes.
    private Dictionary<string, string> HashEveryFile() =>
        Directory.EnumerateFiles(_sandbox.Root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(_sandbox.Root, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
