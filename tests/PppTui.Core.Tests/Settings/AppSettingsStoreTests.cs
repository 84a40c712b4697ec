using PppTui.Core.Settings;

namespace PppTui.Core.Tests.Settings;

public sealed class AppSettingsStoreTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ppptui-settings-");
    private string PathOf(string name) => System.IO.Path.Join(_dir.FullName, name);

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void No_file_means_the_defaults_and_no_problem()
    {
        var load = new AppSettingsStore(PathOf("ppptui.toml")).Load();
        Assert.Null(load.Settings.Theme);
        Assert.False(load.Settings.Force16Colors);
        Assert.Null(load.SourceFile);
        Assert.Null(load.Problem);
    }

    [Fact]
    public void I_can_save_the_theme_and_read_it_back()
    {
        var store = new AppSettingsStore(PathOf("etc/ppptui/ppptui.toml"));
        store.Save(new AppSettings { Theme = "high-contrast", Force16Colors = true });
        Assert.Equal("theme = \"high-contrast\"\nforce_16_colors = true\n", File.ReadAllText(store.Path));
        var load = store.Load();
        Assert.Equal("high-contrast", load.Settings.Theme);
        Assert.True(load.Settings.Force16Colors);
    }

    [Fact]
    public void Saving_changes_only_our_lines_and_keeps_comments_other_keys_and_tables()
    {
        var path = PathOf("ppptui.toml");
        var original = "# site defaults\r\ntheme = 'light'   # chosen by ops\r\nlog_lines = 5000\r\n\r\n[logs]\r\nsource = \"journal\"\r\n";
        File.WriteAllText(path, original);
        new AppSettingsStore(path).Save(new AppSettings { Theme = "dark" });
        Assert.Equal("# site defaults\r\ntheme = \"dark\"   # chosen by ops\r\nlog_lines = 5000\r\n\r\nforce_16_colors = false\r\n[logs]\r\nsource = \"journal\"\r\n",
            File.ReadAllText(path));
    }

    [Fact]
    public void Unknown_keys_do_not_stop_the_settings_from_loading()
    {
        var path = PathOf("ppptui.toml");
        File.WriteAllText(path, "theme = \"dark\"\nlog_lines = 5000\n[logs]\nsource = \"journal\"\n");
        var load = new AppSettingsStore(path).Load();
        Assert.Null(load.Problem);
        Assert.Equal("dark", load.Settings.Theme);
    }

    [Fact]
    public void A_broken_file_gives_the_defaults_and_a_problem_naming_the_file_and_line()
    {
        var path = PathOf("ppptui.toml");
        File.WriteAllText(path, "theme = \"dark\"\nforce_16_colors = maybe\n");
        var load = new AppSettingsStore(path).Load();
        Assert.Null(load.Settings.Theme);
        Assert.NotNull(load.Problem);
        Assert.StartsWith(path + " line 2:", load.Problem);
        Assert.Contains("delete the file", load.Problem);
    }

    [Fact]
    public void A_value_with_quotes_is_escaped()
    {
        Assert.Equal("theme = \"a\\\"b\"\n", AppSettingsStore.SetKey("", "theme", "\"a\\\"b\""));
        var store = new AppSettingsStore(PathOf("q.toml"));
        store.Save(new AppSettings { Theme = "we\"ird\\name" });
        Assert.Equal("we\"ird\\name", store.Load().Settings.Theme);
    }

    [Fact]
    public void Root_and_sandboxes_use_the_file_under_the_root_and_users_their_own_config()
    {
        var system = new SystemPaths("/");
        var sandbox = new SystemPaths(_dir.FullName);
        Assert.Equal("/etc/ppptui/ppptui.toml", AppSettingsStore.For(system, isPrivileged: true, _ => null).Path);
        Assert.Equal(System.IO.Path.Join(_dir.FullName, "etc/ppptui/ppptui.toml"), AppSettingsStore.For(sandbox, isPrivileged: false, _ => null).Path);

        var user = AppSettingsStore.For(system, isPrivileged: false, n => n == "HOME" ? "/home/ann" : null);
        Assert.Equal("/home/ann/.config/ppptui/ppptui.toml", user.Path);
        Assert.Equal("/etc/ppptui/ppptui.toml", user.FallbackPath);
        var xdg = AppSettingsStore.For(system, isPrivileged: false, n => n switch { "XDG_CONFIG_HOME" => "/cfg", "HOME" => "/home/ann", _ => null });
        Assert.Equal("/cfg/ppptui/ppptui.toml", xdg.Path);
    }

    [Fact]
    public void A_user_without_their_own_file_reads_the_system_defaults()
    {
        var systemFile = PathOf("system.toml");
        File.WriteAllText(systemFile, "theme = \"monochrome\"\n");
        var store = new AppSettingsStore(PathOf("user/ppptui.toml"), systemFile);
        var load = store.Load();
        Assert.Equal("monochrome", load.Settings.Theme);
        Assert.Equal(systemFile, load.SourceFile);
        store.Save(new AppSettings { Theme = "dark" });
        Assert.Equal("theme = \"monochrome\"\n", File.ReadAllText(systemFile));
        Assert.Equal("dark", store.Load().Settings.Theme);
    }
}
