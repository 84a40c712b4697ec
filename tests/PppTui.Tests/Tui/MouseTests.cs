using System.Drawing;
using Terminal.Gui.Testing;
using Terminal.Gui.Views;

namespace PppTui.Tests.Tui;

public class MouseTests
{
    [Fact]
    public void Clicking_a_status_bar_key_runs_its_command()
    {
        using var h = ScreenHost.Start(80, 24);
        var help = h.Screen.StatusBar.SubViews.OfType<Shortcut>().Single(s => s.Title == "Help");
        var at = help.FrameToScreen();
        h.App.InjectSequence(InputInjectionExtensions.LeftButtonClick(new Point(at.X + 1, at.Y)));
        h.Draw();
        Assert.Single(h.Dialogs.HelpShown);
    }

    [Fact]
    public void Clicking_a_profile_selects_it()
    {
        using var h = ScreenHost.Start(80, 24);
        var list = h.Screen.Profiles.List.FrameToScreen();
        h.App.InjectSequence(InputInjectionExtensions.LeftButtonClick(new Point(list.X + 2, list.Y + 2)));
        h.Draw();
        Assert.Equal("lte-backup", h.Screen.Profiles.Selected?.Name);
        Assert.Equal("lte-backup", h.Screen.Editor.Editor?.ProfileName);
    }
}
