using Terminal.Gui.Views;

namespace PppTui.Tests.Tui;

public class DialogTests
{
    private static string Draw(Dialog dialog, int width = 80, int height = 24)
    {
        var (app, _) = Headless.CreateApp(width, height);
        using (app)
        using (dialog)
        {
            var token = app.Begin(dialog);
            app.LayoutAndDraw(true);
            var text = string.Join('\n', Headless.Rows(app));
            app.End(token!);
            return text;
        }
    }

    [Fact]
    public void At_80_columns_help_wraps_long_descriptions_instead_of_cutting_them()
    {
        var text = Draw(DialogFactory.Help(KeyTable.HelpLines(), width: 68), 80, 60);
        Assert.Contains("Write the previewed files (asks before", text);
        Assert.Contains("overwriting a file changed on disk)", text);
    }

    [Fact]
    public void The_errors_dialog_shows_cause_and_fix()
    {
        var text = Draw(DialogFactory.Errors([new UserError("Connect dsl", "PADI timeout", "Check the cable")]));
        Assert.Contains("Errors (1)", text);
        Assert.Contains("cause: PADI timeout", text);
        Assert.Contains("fix:   Check the cable", text);
    }

    [Fact]
    public void The_new_profile_dialog_lists_the_kinds_and_the_theme_picker_the_themes()
    {
        var (dialog, result) = DialogFactory.NewProfile([new("pptp", "PPTP", "VPN over GRE"), new("pppoe", "PPPoE", "DSL")], []);
        var text = Draw(dialog);
        Assert.Contains("PPTP  VPN over GRE", text);
        Assert.Contains("Name:", text);
        Assert.Null(result());

        var (picker, chosen) = DialogFactory.ThemePicker(Headless.Catalog.Names, "dark");
        text = Draw(picker);
        foreach (var name in PppTui.Tui.Themes.ThemeCatalog.Shipped) Assert.Contains(name, text);
        Assert.Null(chosen());
    }
}
