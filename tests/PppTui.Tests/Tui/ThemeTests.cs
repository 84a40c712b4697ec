using Terminal.Gui.Configuration;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;

namespace PppTui.Tests.Tui;

public class ThemeTests
{
    public static TheoryData<string> ThemeFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Headless.ThemesFolder(), "*.json").Order()) data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(ThemeFiles))]
    public void Every_theme_file_loads_applies_and_defines_every_tone(string file)
    {
        var catalog = ThemeCatalog.Load([]);
        var added = new ThemeCatalog().AddFile(File.ReadAllText(Path.Combine(Headless.ThemesFolder(), file)), file);
        var name = Assert.Single(added);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), name);
        var body = JsonNode.Parse(File.ReadAllText(Path.Combine(Headless.ThemesFolder(), file)))!["Themes"]![name]!;

        catalog.Apply(name);
        var baseNormal = SchemeManager.GetScheme("Base").Normal;
        Assert.Equal(Expected(body["Schemes"]!["Base"]!["Normal"]!), baseNormal);
        foreach (var tone in ThemeCatalog.ToneSchemes)
        {
            Assert.True(SchemeManager.TryGetScheme(tone, out var scheme), $"{file} has no {tone} scheme");
            Assert.Equal(Expected(body["Schemes"]![tone]!["Normal"]!), scheme!.Normal);
        }
    }

    private static Terminal.Gui.Drawing.Attribute Expected(JsonNode attr)
    {
        Color Parse(string s) => s == "None" ? Color.None : Color.Parse(s, null);
        var style = Enum.Parse<TextStyle>(attr["Style"]?.GetValue<string>() ?? "None");
        return new Terminal.Gui.Drawing.Attribute(Parse(attr["Foreground"]!.GetValue<string>()), Parse(attr["Background"]!.GetValue<string>()), style);
    }

    [Fact]
    public void The_five_shipped_themes_are_built_in_with_no_warnings()
    {
        var catalog = ThemeCatalog.Load([]);
        Assert.Empty(catalog.Warnings);
        Assert.Equal(ThemeCatalog.Shipped, catalog.Names.Take(5));
        Assert.All(catalog.Themes, t => Assert.StartsWith("built-in", t.Origin));
        var files = Directory.EnumerateFiles(Headless.ThemesFolder(), "*.json").Select(Path.GetFileNameWithoutExtension).Order();
        Assert.Equal(files, catalog.Names.Order());
    }

    [Fact]
    public void A_themes_folder_beside_the_binary_overrides_a_built_in_theme_and_a_bad_file_is_skipped_with_a_warning()
    {
        var dir = Directory.CreateTempSubdirectory("ppptui-themes-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "dark.json"),
                """{ "Themes": { "dark": { "Schemes": { "Base": { "Normal": { "Foreground": "BrightGreen", "Background": "Black" } } } } } }""");
            File.WriteAllText(Path.Combine(dir.FullName, "broken.json"), "{ \"Themes\": { \"x\": ");
            File.WriteAllText(Path.Combine(dir.FullName, "badcolour.json"),
                """{ "Themes": { "neon": { "Schemes": { "Base": { "Normal": { "Foreground": "Glitter", "Background": "Black" } } } } } }""");
            File.WriteAllText(Path.Combine(dir.FullName, "badstyle.json"),
                """{ "Themes": { "blink": { "Schemes": { "Base": { "Normal": { "Foreground": "Red", "Background": "Black", "Style": "Sparkly" } } } } } }""");
            var catalog = ThemeCatalog.Load([dir.FullName]);
            Assert.Equal(dir.FullName + "/dark.json", catalog.Themes.Single(t => t.Name == "dark").Origin);
            Assert.Contains(catalog.Warnings, w => w.Contains("broken.json") && w.Contains("not valid JSON"));
            Assert.Contains(catalog.Warnings, w => w.Contains("badcolour.json") && w.Contains("\"Glitter\" is not a colour"));
            Assert.Contains(catalog.Warnings, w => w.Contains("badstyle.json") && w.Contains("\"Sparkly\" is not a text style"));
            Assert.DoesNotContain("neon", catalog.Names);
            Assert.DoesNotContain("blink", catalog.Names);
            Assert.Contains("default", catalog.Names);
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void A_theme_that_leaves_a_scheme_out_gets_terminal_guis_own_back_and_switching_back_restores_it()
    {
        var catalog = ThemeCatalog.Load([]);
        catalog.Apply("default");
        var ours = SchemeManager.GetScheme("Menu");
        catalog.AddFile("""{ "Themes": { "bare": { "Schemes": { "Base": { "Normal": { "Foreground": "BrightGreen", "Background": "Black" } } } } } }""", "test");

        catalog.Apply("bare");

        Assert.Equal(Color.Parse("BrightGreen", null), SchemeManager.GetScheme("Base").Normal.Foreground);
        Assert.NotEqual(ours, SchemeManager.GetScheme("Menu"));
        Assert.False(SchemeManager.TryGetScheme("Good", out _));
        catalog.Apply("default");
        Assert.Equal(ours, SchemeManager.GetScheme("Menu"));
        Assert.True(SchemeManager.TryGetScheme("Good", out _));
    }

    [Fact]
    public void The_packaged_themes_folder_is_read_and_the_admins_etc_folder_wins_over_it()
    {
        var root = Directory.CreateTempSubdirectory("ppptui-root-");
        try
        {
            var paths = new PppTui.Core.Files.SystemPaths(root.FullName);
            var folders = ThemeCatalog.DefaultOverrideFolders(paths).ToList();
            Assert.Equal(root.FullName + "/usr/share/ppptui/themes", folders[0]);
            Assert.Equal(root.FullName + "/etc/ppptui/themes", folders[1]);
            static string Dark(string colour) =>
                $$"""{ "Themes": { "dark": { "Schemes": { "Base": { "Normal": { "Foreground": "{{colour}}", "Background": "Black" } } } } } }""";
            Directory.CreateDirectory(folders[0]);
            File.WriteAllText(Path.Combine(folders[0], "dark.json"), Dark("BrightGreen"));
            Assert.Equal(folders[0] + "/dark.json", ThemeCatalog.Load(folders.Take(2)).Themes.Single(t => t.Name == "dark").Origin);
            Directory.CreateDirectory(folders[1]);
            File.WriteAllText(Path.Combine(folders[1], "dark.json"), Dark("BrightYellow"));
            Assert.Equal(folders[1] + "/dark.json", ThemeCatalog.Load(folders.Take(2)).Themes.Single(t => t.Name == "dark").Origin);
        }
        finally { root.Delete(recursive: true); }
    }

    [Fact]
    public void NO_COLOR_starts_in_monochrome_and_otherwise_the_saved_theme_wins()
    {
        var catalog = Headless.Catalog;
        Assert.True(ThemeCatalog.NoColorRequested(n => n == "NO_COLOR" ? "1" : null));
        Assert.False(ThemeCatalog.NoColorRequested(n => n == "NO_COLOR" ? "" : null));
        Assert.Equal("monochrome", catalog.StartTheme("dark", noColor: true));
        Assert.Equal("dark", catalog.StartTheme("dark", noColor: false));
        Assert.Equal("default", catalog.StartTheme("no-such-theme", noColor: false));
        Assert.Equal("default", catalog.StartTheme(null, noColor: false));
    }

    [Fact]
    public void Alt_T_switches_the_theme_at_run_time_and_tells_the_app_to_remember_it()
    {
        using var h = ScreenHost.Start(80, 24);
        int saves = 0;
        h.Themes.Changed += (_, _) => saves++;
        h.Press(Key.T.WithAlt);
        Assert.Equal("dark", h.Themes.Current);
        Assert.Equal(1, saves);
        Assert.Equal("Theme: dark", h.Screen.MessageText);
        Assert.Equal(Color.Parse("Gray", null), SchemeManager.GetScheme("Base").Normal.Foreground);
        h.Themes.Switch("default");
    }

    [Fact]
    public void The_theme_picker_and_the_16_colour_switch_come_from_the_menu_commands()
    {
        using var h = ScreenHost.Start(80, 24);
        h.Dialogs.ThemeAnswer = "high-contrast";
        h.Screen.Invoke(PppTui.Tui.Keys.AppCommand.ChooseTheme);
        Assert.Equal("high-contrast", h.Themes.Current);
        h.Screen.Invoke(PppTui.Tui.Keys.AppCommand.Toggle16Colors);
        Assert.True(h.Themes.Force16Colors);
        Assert.True(h.App.Driver!.Force16Colors);
        h.Themes.SetForce16Colors(false, h.App);
        h.Themes.Switch("default");
    }

    [Fact]
    public void Tones_use_the_theme_colour_on_the_pane_background()
    {
        using var h = ScreenHost.Start(80, 24);
        h.Themes.Switch("dark");
        var good = Tones.For(h.Screen.Links, Tone.Good);
        Assert.Equal(Color.Parse("BrightGreen", null), good.Foreground);
        Assert.Equal(h.Screen.Links.GetAttributeForRole(VisualRole.Normal).Background, good.Background);
        h.Themes.Switch("default");
    }
}
