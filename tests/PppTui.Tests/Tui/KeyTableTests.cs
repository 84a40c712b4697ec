using PppTui.Tui.Dialogs;
using PppTui.Tui.Keys;
using Terminal.Gui.Input;

namespace PppTui.Tests.Tui;

public class KeyTableTests
{
    [Fact]
    public void F1_shows_help_generated_from_the_key_table()
    {
        using var h = ScreenHost.Start(80, 24);
        h.Press(Key.F1);
        var shown = Assert.Single(h.Dialogs.HelpShown);
        Assert.Equal(KeyTable.HelpLines(), shown.Take(KeyTable.HelpLines().Count));
    }

    [Fact]
    public void Help_lists_every_entry_of_the_key_table_with_its_keys_and_description()
    {
        var help = KeyTable.HelpLines();
        foreach (var e in KeyTable.Entries)
            Assert.Contains(help, l => l.Contains(e.Keys.Count == 0 ? "(menu)" : e.KeysText) && l.EndsWith(e.Description));
        int entryLines = help.Count(l => l.StartsWith("  "));
        Assert.Equal(KeyTable.Entries.Count, entryLines);
    }

    [Fact]
    public void The_help_dialog_draws_the_same_lines()
    {
        var (app, _) = Headless.CreateApp(140, 60);
        using (app)
        {
            using var dialog = DialogFactory.Help(KeyTable.HelpLines());
            var token = app.Begin(dialog);
            app.LayoutAndDraw(true);
            var text = string.Join('\n', Headless.Rows(app));
            foreach (var e in KeyTable.Entries) Assert.Contains(e.Description, text);
            app.End(token!);
        }
    }

    [Fact]
    public void The_README_table_has_one_row_per_entry()
    {
        var md = KeyTable.ToMarkdown().TrimEnd().Split('\n');
        Assert.Equal("| Keys | Where | What it does |", md[0]);
        Assert.Equal(KeyTable.Entries.Count, md.Length - 2);
        Assert.Contains("| `F5`, `Alt+C` | Everywhere | Connect the selected profile (pppd call NAME) |", md);
        Assert.Contains("| `Del` | Profile list | Delete the selected profile (asks first) |", md);
    }

    [Fact]
    public void No_two_entries_claim_the_same_key_in_the_same_place()
    {
        var claims = KeyTable.Entries.SelectMany(e => e.Keys.Select(k => (Key: k.ToString(), e.Scope))).ToList();
        Assert.Equal(claims.Count, claims.Distinct().Count());
    }

    [Fact]
    public void Plain_letter_keys_never_fire_while_typing_in_a_text_field()
    {
        Assert.Equal(AppCommand.LogFollow, KeyTable.Find(new Key('f'), KeyScope.Log, focusInTextField: false)?.Command);
        Assert.Null(KeyTable.Find(new Key('f'), KeyScope.Log, focusInTextField: true));
        Assert.Null(KeyTable.Find(new Key('?'), KeyScope.Editor, focusInTextField: true));
        Assert.Equal(AppCommand.Help, KeyTable.Find(Key.F1, KeyScope.Editor, focusInTextField: true)?.Command);
    }

    [Fact]
    public void The_status_bar_shows_the_keys_of_the_focused_pane()
    {
        using var h = ScreenHost.Start(120, 40);
        Assert.Contains("Enter Edit", h.Screen.StatusBarItems);
        h.Press(Key.D6.WithAlt);
        Assert.Contains("/ Filter", h.Screen.StatusBarItems);
        Assert.Contains("f Follow", h.Screen.StatusBarItems);
        Assert.DoesNotContain("Enter Edit", h.Screen.StatusBarItems);
        h.Press(Key.D2.WithAlt);
        Assert.Contains(h.Screen.StatusBarItems, s => s.StartsWith("Alt+R Revert"));
    }

    [Fact]
    public void An_80_column_status_bar_keeps_help_and_quit()
    {
        var entries = KeyTable.StatusBarEntries(KeyScope.Profiles, 80);
        Assert.Contains(entries, e => e.Command == AppCommand.Help);
        Assert.Contains(entries, e => e.Command == AppCommand.Quit);
        Assert.True(entries.Sum(e => e.Keys[0].ToString().Length + e.Label.Length + 5) <= 80);
    }

    [Fact]
    public void Every_menu_item_runs_a_command_of_the_table()
    {
        using var h = ScreenHost.Start(80, 24);
        var menuTitles = h.Screen.Menu.SubViews.OfType<Terminal.Gui.Views.MenuBarItem>().Select(m => m.Title).ToList();
        Assert.Equal(KeyTable.Menus, menuTitles);
    }
}

public class MenuAndQuitTests
{
    [Fact]
    public void F9_opens_the_menu_and_F10_quits()
    {
        using var h = ScreenHost.Start(80, 24);
        h.Press(Key.F9);
        Assert.True(h.Screen.Menu.IsOpen());
        h.Press(Key.Esc);
        Assert.False(h.Screen.Menu.IsOpen());
        Assert.False(h.Screen.StopRequested);
        h.Press(Key.F10);
        Assert.True(h.Screen.StopRequested);
    }

    [Fact]
    public void Quitting_with_unapplied_edits_asks_first()
    {
        using var h = ScreenHost.Start(80, 24);
        h.Screen.Editor.Editor!.SetValue("mtu", "1300");
        h.Press(Key.Q.WithCtrl);
        Assert.Single(h.Dialogs.Confirms);
        Assert.False(h.Screen.StopRequested);
    }
}
